package io.chatstack.client;

import java.time.Duration;

/**
 * Connection lifecycle events of a {@link ChatClient}; every method is a no-op by default.
 *
 * <p>Threading: called on the client's listener executor, in the order the events happened,
 * serialized with {@link RoomListener} calls.
 */
public interface ConnectionListener {

  /**
   * CONNECTED was received: first after {@link ChatClient#connect()}, then after each reconnect.
   */
  default void onConnected(ChatClient client) {}

  /** The connection was lost; the client will reconnect unless its policy forbids it. */
  default void onDisconnected(ChatClient client, ChatClientException cause) {}

  /** Reconnect attempt {@code attempt} (1-based) starts after {@code delay}. */
  default void onReconnecting(ChatClient client, int attempt, Duration delay) {}

  /** The client was closed by {@link ChatClient#close()}. Last event. */
  default void onClosed(ChatClient client) {}

  /**
   * The client closed itself because of {@code error}: a malformed frame or ERROR from the server,
   * a refused reconnect, or an exhausted reconnect policy. Last event.
   */
  default void onFailure(ChatClient client, ChatClientException error) {}
}
