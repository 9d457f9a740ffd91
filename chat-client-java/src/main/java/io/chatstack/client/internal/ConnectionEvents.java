package io.chatstack.client.internal;

import io.chatstack.client.ChatClient;
import io.chatstack.client.ChatClientException;
import io.chatstack.client.ConnectionListener;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Tells the user's {@link ConnectionListener} about connection changes of one client, on the
 * listener executor. Thread-safe.
 */
final class ConnectionEvents {
  private final ConnectionListener listener;
  private final ChatClient client;
  private final Executor calls;

  ConnectionEvents(ConnectionListener listener, ChatClient client, Executor calls) {
    this.listener = listener;
    this.client = client;
    this.calls = calls;
  }

  void connected() {
    emit(l -> l.onConnected(client));
  }

  void disconnected(ChatClientException cause) {
    emit(l -> l.onDisconnected(client, cause));
  }

  void reconnecting(int attempt, Duration delay) {
    emit(l -> l.onReconnecting(client, attempt, delay));
  }

  void closed() {
    emit(l -> l.onClosed(client));
  }

  void failed(ChatClientException error) {
    emit(l -> l.onFailure(client, error));
  }

  private void emit(Consumer<ConnectionListener> event) {
    calls.execute(() -> event.accept(listener));
  }
}
