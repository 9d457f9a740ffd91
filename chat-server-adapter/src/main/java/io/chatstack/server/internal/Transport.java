package io.chatstack.server.internal;

import java.util.function.Consumer;

/**
 * The connection a {@link StompSession} writes to: a WebSocket session of some binding.
 * Implementations must be thread-safe.
 */
public interface Transport {
  /**
   * Writes one WebSocket text message asynchronously; calls {@code done} once with null on success
   * or the failure. The caller never has more than one write in flight.
   */
  void send(String text, Consumer<Throwable> done);

  /** Closes the connection; idempotent. {@code violation}: closed because of the client. */
  void close(boolean violation, String reason);
}
