package io.chatstack.server;

import io.chatstack.core.ChatException;

/** The authenticated user may not do this (code {@code forbidden}); the message says what to do. */
public class ForbiddenException extends ChatException {
  private static final long serialVersionUID = 1L;

  public ForbiddenException(String message) {
    super("forbidden", message);
  }
}
