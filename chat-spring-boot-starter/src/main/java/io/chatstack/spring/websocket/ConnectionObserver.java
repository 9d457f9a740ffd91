package io.chatstack.spring.websocket;

/**
 * Told about STOMP connections of the starter's endpoint, e.g. to count them in metrics. Called on
 * WebSocket container threads; must be thread-safe and quick.
 */
public interface ConnectionObserver {
  /** Does nothing. */
  ConnectionObserver NONE = new ConnectionObserver() {};

  /** A WebSocket or SockJS session opened. */
  default void opened() {}

  /** A session ended, for whatever reason. Called once per opened session. */
  default void closed() {}

  /**
   * The server closed a session because of the client; {@code reason} is the STOMP error code, e.g.
   * {@code slow-consumer}.
   */
  default void closedByServer(String reason) {}
}
