package io.chatstack.core;

/**
 * Base of every exception chatstack throws. Unchecked.
 *
 * <p>{@link #code()} is a short, stable, machine-readable identifier (for example {@code
 * room-not-found}) that transports put into STOMP ERROR frames and JSON error bodies; the message
 * says what to fix.
 */
public class ChatException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String code;

  public ChatException(String code, String message) {
    super(message);
    this.code = code;
  }

  public ChatException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** Stable machine-readable error code. */
  public String code() {
    return code;
  }
}
