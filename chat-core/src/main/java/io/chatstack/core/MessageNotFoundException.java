package io.chatstack.core;

/**
 * A change or reply named a message that the room does not have. Code {@code message-not-found};
 * transports answer 404 / an application error. Nothing was changed.
 */
public class MessageNotFoundException extends ChatException {
  private static final long serialVersionUID = 1L;

  public MessageNotFoundException(long roomId, String messageId) {
    super(
        "message-not-found",
        "Room " + roomId + " has no message with id '" + messageId + "'; check the message id");
  }
}
