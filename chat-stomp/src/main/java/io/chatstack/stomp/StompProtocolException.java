package io.chatstack.stomp;

/**
 * A peer broke the STOMP protocol, a limit or the shape of a body. On the server it is answered
 * with an ERROR frame carrying {@link #code()} and then disconnection; the message says what to
 * fix. Thread-safe (immutable).
 */
public final class StompProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  /**
   * @param code machine-readable code, one of {@link ErrorCodes}
   * @param message what is wrong and how to fix it
   */
  public StompProtocolException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** The machine-readable code, one of {@link ErrorCodes}. */
  public String code() {
    return code;
  }

  /**
   * Client input made fit to quote in an error: one line (control characters as {@code ?}), at most
   * 80 characters and an ellipsis.
   */
  public static String abbreviate(String text) {
    String oneLine = text.replaceAll("[\\p{Cntrl}]", "?");
    return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 80) + "...";
  }
}
