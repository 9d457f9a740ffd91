package io.chatstack.server.internal;

import io.chatstack.core.ChatException;

/**
 * A client broke the STOMP protocol or a limit. Always answered with ERROR and disconnection. The
 * message says what to fix.
 */
public final class StompProtocolException extends ChatException {
  private static final long serialVersionUID = 1L;

  public StompProtocolException(String code, String message) {
    super(code, message);
  }
}
