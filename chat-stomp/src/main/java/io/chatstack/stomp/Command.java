package io.chatstack.stomp;

import java.util.EnumSet;
import java.util.Set;

/** The commands of STOMP 1.2, and which side may send each. Thread-safe (an enum). */
public enum Command {
  CONNECT,
  STOMP,
  CONNECTED,
  SEND,
  SUBSCRIBE,
  UNSUBSCRIBE,
  ACK,
  NACK,
  BEGIN,
  COMMIT,
  ABORT,
  DISCONNECT,
  MESSAGE,
  RECEIPT,
  ERROR;

  private static final Set<Command> FROM_SERVER = EnumSet.of(CONNECTED, MESSAGE, RECEIPT, ERROR);

  /** Whether a client may send this command. */
  public boolean isClientCommand() {
    return !FROM_SERVER.contains(this);
  }

  /** Whether a server may send this command. */
  public boolean isServerCommand() {
    return FROM_SERVER.contains(this);
  }

  /** Whether this opens a connection ({@code CONNECT} or its STOMP 1.2 alias {@code STOMP}). */
  public boolean isConnect() {
    return this == CONNECT || this == STOMP;
  }
}
