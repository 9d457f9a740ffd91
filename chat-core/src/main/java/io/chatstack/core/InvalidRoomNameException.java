package io.chatstack.core;

/** A room name is blank or too long. */
public class InvalidRoomNameException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  public InvalidRoomNameException(String message) {
    super("invalid-room-name", message);
  }
}
