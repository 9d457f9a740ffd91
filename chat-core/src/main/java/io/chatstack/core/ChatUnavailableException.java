package io.chatstack.core;

/**
 * A backing system (message bus or store) failed or did not answer in time. The operation may be
 * retried; for sends, retry with the same clientMsgId so the message is stored at most once.
 */
public class ChatUnavailableException extends ChatException {
  private static final long serialVersionUID = 1L;

  public ChatUnavailableException(String message, Throwable cause) {
    super("unavailable", message, cause);
  }

  public ChatUnavailableException(String message) {
    super("unavailable", message);
  }
}
