package io.chatstack.core;

/** The caller sent something invalid; nothing was changed. Transports answer 400 / STOMP ERROR. */
public class InvalidInputException extends ChatException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String code, String message) {
    super(code, message);
  }
}
