package io.chatstack.client;

import io.chatstack.core.ChatException;

/**
 * A failure of the chat client: the server refused a request (the {@link #code()} is the server's,
 * e.g. {@code forbidden}, {@code room-not-found}), the connection failed, a request timed out, or
 * the server broke the protocol. Unchecked; the message says what happened and what to do.
 *
 * <p>Codes set by the client itself: {@code connect-failed}, {@code not-connected}, {@code
 * connection-lost}, {@code timeout}, {@code closed}, {@code malformed-frame}, {@code server-error},
 * {@code reconnect-failed}, {@code interrupted}.
 */
public class ChatClientException extends ChatException {
  private static final long serialVersionUID = 1L;

  public ChatClientException(String code, String message) {
    super(code, message);
  }

  public ChatClientException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
