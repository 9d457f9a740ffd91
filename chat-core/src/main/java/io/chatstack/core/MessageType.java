package io.chatstack.core;

/** Kind of a {@link ChatMessage}. JOIN and LEAVE share the room's order with CHAT messages. */
public enum MessageType {
  /** A message written by a participant. */
  CHAT,
  /** A user became a participant of the room. */
  JOIN,
  /** A user stopped being a participant of the room. */
  LEAVE
}
