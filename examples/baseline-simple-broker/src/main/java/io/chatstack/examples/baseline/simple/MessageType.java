package io.chatstack.examples.baseline.simple;

/** Kind of a chat message, as in chatstack; the baselines treat all kinds alike. */
public enum MessageType {
  CHAT,
  JOIN,
  LEAVE
}
