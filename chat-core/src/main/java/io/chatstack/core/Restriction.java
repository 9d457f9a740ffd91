package io.chatstack.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A ban or a mute of one user in one room. Thread-safe (immutable).
 *
 * @param kind ban or mute
 * @param username who is restricted
 * @param until when it ends by itself; empty: until it is lifted
 * @param actor who imposed it
 * @param reason why, as the actor wrote it ("" when none was given)
 */
public record Restriction(
    Kind kind, String username, Optional<Instant> until, String actor, String reason) {

  /** What a restriction forbids. */
  public enum Kind {
    /** Not a participant and may not join or be added. */
    BAN,
    /** A participant who may not send, edit or react, and whose typing is not forwarded. */
    MUTE
  }

  public Restriction {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(reason, "reason");
  }

  /** Whether it is in force at {@code now}: no end, or an end after {@code now}. */
  public boolean activeAt(Instant now) {
    return until.map(now::isBefore).orElse(true);
  }
}
