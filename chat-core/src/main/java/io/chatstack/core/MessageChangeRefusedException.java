package io.chatstack.core;

/**
 * An edit or delete that the rules do not allow; nothing was changed. {@link #code()} is one of the
 * constants of this class. Transports answer 403 ({@link #NOT_MESSAGE_SENDER}, {@link
 * #EDIT_WINDOW_EXPIRED}) or 409 ({@link #NOT_EDITABLE}, {@link #MESSAGE_DELETED}) / an application
 * error with the code.
 */
public class MessageChangeRefusedException extends ChatException {
  private static final long serialVersionUID = 1L;

  /** Only the sender of a message edits or deletes it. */
  public static final String NOT_MESSAGE_SENDER = "not-message-sender";

  /** The edit window ({@code chatstack.messages.edit-window}) of the message has passed. */
  public static final String EDIT_WINDOW_EXPIRED = "edit-window-expired";

  /** JOIN, LEAVE, system messages and change records cannot be edited or deleted. */
  public static final String NOT_EDITABLE = "not-editable";

  /** The message was deleted; it cannot be edited or reacted to. */
  public static final String MESSAGE_DELETED = "message-deleted";

  public MessageChangeRefusedException(String code, String message) {
    super(code, message);
  }
}
