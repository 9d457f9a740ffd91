package io.chatstack.client.internal;

import io.chatstack.client.ConnectionListener;
import io.chatstack.client.ReconnectPolicy;
import io.chatstack.stomp.StompDestinations;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Settings of one client, validated by the public builder. Thread-safe (immutable).
 *
 * @param uris the servers, tried in turn (not empty)
 * @param listenerExecutor the user's executor, or empty to create a dedicated thread
 * @param destinations the server's destination table
 */
public record ClientConfig(
    List<URI> uris,
    Optional<String> login,
    Optional<String> token,
    Duration heartbeat,
    ReconnectPolicy reconnect,
    Optional<Executor> listenerExecutor,
    Duration requestTimeout,
    ConnectionListener connectionListener,
    StompDestinations destinations) {

  public ClientConfig {
    uris = List.copyOf(uris);
    if (uris.isEmpty()) {
      throw new IllegalArgumentException("at least one server URL is needed");
    }
  }

  /** The server, or the list of servers, for messages. */
  public String servers() {
    return uris.size() == 1 ? uris.get(0).toString() : uris.toString();
  }

  /** The first server. */
  public URI uri() {
    return uris.get(0);
  }
}
