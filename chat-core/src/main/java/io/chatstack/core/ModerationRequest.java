package io.chatstack.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One moderation action against one user ({@link Moderation#moderate}). Thread-safe (immutable).
 *
 * @param action what to do
 * @param username whom it concerns
 * @param until when a ban or mute ends by itself (empty: until lifted); ignored by the others
 * @param reason why ("" for none); shown in the SYSTEM message's metadata
 */
public record ModerationRequest(
    ModerationAction action, String username, Optional<Instant> until, String reason) {
  public ModerationRequest {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(reason, "reason");
  }

  /** An action with no end time and no reason. */
  public static ModerationRequest of(ModerationAction action, String username) {
    return new ModerationRequest(action, username, Optional.empty(), "");
  }
}
