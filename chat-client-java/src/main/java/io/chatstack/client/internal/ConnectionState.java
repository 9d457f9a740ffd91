package io.chatstack.client.internal;

import io.chatstack.client.ChatClientException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The connection as the client's operations see it: the lifecycle, the current link, the user the
 * server authenticated, and the lock that orders writes with the replay after a reconnect (inbound
 * frames never take it, so a blocked write cannot stall reading). Thread-safe.
 */
final class ConnectionState {
  /** Lifecycle of a client. */
  enum Phase {
    NEW,
    CONNECTING,
    CONNECTED,
    RECONNECTING,
    CLOSED
  }

  private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.NEW);
  private final Object writeLock = new Object();
  private final String servers;
  private volatile Link current;
  private volatile String userName = "";

  /**
   * @param servers the server or servers, for messages
   */
  ConnectionState(String servers) {
    this.servers = servers;
  }

  Phase phase() {
    return phase.get();
  }

  boolean advance(Phase from, Phase to) {
    return phase.compareAndSet(from, to);
  }

  /** Sets {@code to}; returns the phase before. */
  Phase enter(Phase to) {
    return phase.getAndSet(to);
  }

  /** The link of the established connection, or null while (re)connecting and after close. */
  Link current() {
    return current;
  }

  void current(Link link) {
    this.current = link;
  }

  Object writeLock() {
    return writeLock;
  }

  /** The name the server authenticated us as (empty before the first CONNECTED). */
  String userName() {
    return userName;
  }

  void userName(String name) {
    this.userName = name;
  }

  boolean isConnected() {
    return current != null && phase.get() == Phase.CONNECTED;
  }

  boolean isClosed() {
    return phase.get() == Phase.CLOSED;
  }

  ChatClientException closedError() {
    return new ChatClientException("closed", "The client is closed; build a new one");
  }

  ChatClientException notConnected() {
    Phase now = phase.get();
    return now == Phase.CLOSED
        ? closedError()
        : new ChatClientException(
            "not-connected",
            "Not connected to "
                + servers
                + " (state "
                + now
                + "); call connect() or wait for ConnectionListener.onConnected");
  }
}
