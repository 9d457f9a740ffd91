package io.chatstack.server;

import java.util.function.Consumer;

/**
 * SPI for binding the STOMP engine to a WebSocket implementation (Jakarta WebSocket, Spring's
 * WebSocket/SockJS support, ...): the connection a {@link StompConnection} writes to.
 * Implementations must be thread-safe.
 */
public interface StompTransport {
  /**
   * Writes one WebSocket text message asynchronously and calls {@code done} once: with null on
   * success, or with the failure. The engine never has more than one write in flight, but the next
   * call may come from another thread as soon as {@code done} has run, before this call returns.
   */
  void send(String text, Consumer<Throwable> done);

  /**
   * Closes the connection; idempotent.
   *
   * @param violation whether the client broke the protocol or a limit (close code 1008) rather than
   *     a normal close (1000)
   * @param reason short human-readable reason
   */
  void close(boolean violation, String reason);
}
