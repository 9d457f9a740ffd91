package io.chatstack.server;

import io.chatstack.core.ChatException;

/** The client could not be authenticated (code {@code unauthenticated}); the message says why. */
public class AuthenticationException extends ChatException {
  private static final long serialVersionUID = 1L;

  public AuthenticationException(String message) {
    super("unauthenticated", message);
  }

  public AuthenticationException(String message, Throwable cause) {
    super("unauthenticated", message, cause);
  }
}
