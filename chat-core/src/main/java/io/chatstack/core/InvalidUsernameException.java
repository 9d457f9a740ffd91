package io.chatstack.core;

/** A user name is blank, too long or contains control characters. */
public class InvalidUsernameException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  public InvalidUsernameException(String message) {
    super("invalid-username", message);
  }
}
