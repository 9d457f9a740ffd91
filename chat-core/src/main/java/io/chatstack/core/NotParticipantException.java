package io.chatstack.core;

/** A user acted in a room they have not joined. Transports answer 403 / STOMP ERROR. */
public class NotParticipantException extends ChatException {
  private static final long serialVersionUID = 1L;

  public NotParticipantException(long roomId, String username) {
    super(
        "not-participant",
        "User '" + username + "' is not a participant of room " + roomId + "; join the room first");
  }
}
