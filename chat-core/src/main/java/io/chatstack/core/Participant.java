package io.chatstack.core;

import java.util.Objects;

/**
 * A participant of a room with their role, as {@link ChatService#participantPage} lists them.
 * Thread-safe (immutable).
 *
 * @param username the participant
 * @param role their role (always {@link RoomRole#MEMBER} in direct rooms)
 */
public record Participant(String username, RoomRole role) {
  public Participant {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(role, "role");
  }
}
