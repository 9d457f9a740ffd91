package io.chatstack.core;

import java.util.Objects;

/**
 * A user started or stopped typing in a room.
 *
 * @param roomId the room
 * @param user who
 * @param typing whether they are typing now
 */
public record TypingEvent(long roomId, String user, boolean typing) {
  /** Checks {@code user}. */
  public TypingEvent {
    Objects.requireNonNull(user, "user");
  }
}
