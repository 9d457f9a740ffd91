package io.chatstack.stomp;

import java.util.EnumSet;
import java.util.Set;

/** The commands of STOMP 1.2, and which side may send each. Thread-safe (an enum). */
public enum Command {
  /** Client: opens the connection. */
  CONNECT,
  /** Client: opens the connection (the STOMP 1.2 name of CONNECT). */
  STOMP,
  /** Server: the connection is open. */
  CONNECTED,
  /** Client: sends to a destination. */
  SEND,
  /** Client: subscribes to a destination. */
  SUBSCRIBE,
  /** Client: ends a subscription. */
  UNSUBSCRIBE,
  /** Client: acknowledges a message. */
  ACK,
  /** Client: refuses a message. */
  NACK,
  /** Client: starts a transaction. */
  BEGIN,
  /** Client: commits a transaction. */
  COMMIT,
  /** Client: rolls a transaction back. */
  ABORT,
  /** Client: closes the connection. */
  DISCONNECT,
  /** Server: a message for a subscription. */
  MESSAGE,
  /** Server: a client frame was processed. */
  RECEIPT,
  /** Server: something went wrong; the connection closes. */
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
