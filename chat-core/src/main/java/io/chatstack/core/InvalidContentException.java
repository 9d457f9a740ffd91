package io.chatstack.core;

/** A message's content is blank or longer than the configured maximum. */
public class InvalidContentException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  public InvalidContentException(String message) {
    super("invalid-content", message);
  }
}
