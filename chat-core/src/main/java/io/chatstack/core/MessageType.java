package io.chatstack.core;

/**
 * Kind of a {@link ChatMessage}. Every kind shares the room's order (one seq sequence per room).
 *
 * <p>{@link #CHAT}, {@link #JOIN}, {@link #LEAVE} and {@link #SYSTEM} are <em>messages</em>:
 * history lists them, in their current state. {@link #EDIT}, {@link #DELETE} and {@link #REACTION}
 * are <em>change records</em>: each changes the message named by its {@link
 * ChatMessage#targetId()}; they are delivered live and replayed by {@code since}, but history pages
 * do not list them (see {@link #isChange()}).
 */
public enum MessageType {
  /** A message written by a participant. */
  CHAT,
  /** A user became a participant of the room. */
  JOIN,
  /** A user stopped being a participant of the room. */
  LEAVE,
  /**
   * A moderation or administration action ({@link Moderation}), written by its actor; {@link
   * ChatMessage#metadata()} carries {@code action}, {@code actor} and what else applies.
   */
  SYSTEM,
  /** New content for the target message ({@link ChatMessage#content()}). */
  EDIT,
  /** The target message becomes a tombstone. */
  DELETE,
  /**
   * The sender adds or removes a reaction on the target message: {@link ChatMessage#content()} is
   * the emoji, {@link ChatMessage#reactionAdded()} tells which.
   */
  REACTION;

  /** Whether this kind is a change record (EDIT, DELETE, REACTION) rather than a message. */
  public boolean isChange() {
    return this == EDIT || this == DELETE || this == REACTION;
  }
}
