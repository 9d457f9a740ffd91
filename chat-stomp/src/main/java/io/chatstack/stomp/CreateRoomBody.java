package io.chatstack.stomp;

/**
 * The body of SEND {@link StompDestinations#createRoom()}: {@code {"roomName": "...",
 * "visibility"?: "PUBLIC"|"PRIVATE"}}; its RECEIPT carries the new room's {@code room-id}. A {@code
 * creator} field is tolerated when it names the authenticated user. Thread-safe (immutable).
 *
 * @param roomName the room's name
 * @param visibility who may see and join the room (PUBLIC when absent)
 */
public record CreateRoomBody(String roomName, Visibility visibility) {

  /** Who may see and join a room. */
  public enum Visibility {
    /** Everyone. */
    PUBLIC,
    /** Participants only; others join by invitation. */
    PRIVATE
  }
}
