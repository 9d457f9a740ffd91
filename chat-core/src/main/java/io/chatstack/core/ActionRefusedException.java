package io.chatstack.core;

/**
 * The caller may not do this in this room: codes {@value #FORBIDDEN} (their role does not allow it,
 * or it is aimed at the owner, or the room is a direct room), {@value #BANNED} (they are banned
 * from the room) and {@value #MUTED} (they are muted in the room). Nothing was changed. Transports
 * answer it as HTTP 403 or a STOMP application error with the code.
 */
public class ActionRefusedException extends ChatException {
  private static final long serialVersionUID = 1L;

  /** The caller's role does not allow the action. */
  public static final String FORBIDDEN = "forbidden";

  /** The user is banned from the room. */
  public static final String BANNED = "banned";

  /** The user is muted in the room. */
  public static final String MUTED = "muted";

  public ActionRefusedException(String code, String message) {
    super(code, message);
  }
}
