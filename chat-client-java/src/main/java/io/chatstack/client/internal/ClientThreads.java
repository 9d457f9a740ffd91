package io.chatstack.client.internal;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

/**
 * The threads of one client: the listener executor (the user's, or one dedicated daemon thread),
 * one daemon "io" thread for connecting, reconnecting and heart-beats, and the Tyrus container.
 * Thread-safe.
 */
final class ClientThreads {
  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private final Executor listeners;
  private final ExecutorService ownListeners;
  private final ScheduledExecutorService io;
  private final ClientManager container;

  ClientThreads(Optional<Executor> userExecutor, java.time.Duration handshakeTimeout) {
    int n = CLIENTS.incrementAndGet();
    this.ownListeners =
        userExecutor.isPresent()
            ? null
            : Executors.newSingleThreadExecutor(daemon("chatstack-client-listener-" + n));
    this.listeners = userExecutor.orElse(ownListeners);
    this.io = Executors.newSingleThreadScheduledExecutor(daemon("chatstack-client-io-" + n));
    this.container =
        new ClientManager() {
          // Tyrus releases its executors whenever the last session closes, which races with the
          // reconnect opening the next one; this container lives until the client is closed.
          @Override
          protected void shutdown(ShutDownCondition condition) {}
        };
    container
        .getProperties()
        .put(
            ClientProperties.HANDSHAKE_TIMEOUT,
            (int) Math.min(Integer.MAX_VALUE, handshakeTimeout.toMillis()));
  }

  Executor listeners() {
    return listeners;
  }

  ScheduledExecutorService io() {
    return io;
  }

  ClientManager container() {
    return container;
  }

  /** Stops the io thread and Tyrus; the listener thread finishes the queued calls, then stops. */
  void shutdown() {
    io.shutdownNow();
    container.shutdown();
    if (ownListeners != null) {
      ownListeners.shutdown();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
