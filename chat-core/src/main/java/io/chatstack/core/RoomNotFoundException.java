package io.chatstack.core;

/** No room has the given id. Transports answer 404 / STOMP ERROR. */
public class RoomNotFoundException extends ChatException {
  private static final long serialVersionUID = 1L;
  private final long roomId;

  public RoomNotFoundException(long roomId) {
    super("room-not-found", "Room " + roomId + " does not exist; list rooms to find a valid id");
    this.roomId = roomId;
  }

  /** The id that was not found. */
  public long roomId() {
    return roomId;
  }
}
