package io.chatstack.server;

import io.chatstack.server.internal.HandshakeInfo;
import io.chatstack.server.internal.StompRuntime;
import io.chatstack.server.internal.StompSession;
import io.chatstack.server.internal.Transport;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The transport-agnostic STOMP 1.2 engine, for binding chatstack to a WebSocket implementation
 * other than the built-in {@link ChatEndpoint} (the Spring Boot starter uses it for Spring
 * WebSocket and SockJS). One engine per endpoint; {@link #open} one {@link StompConnection} per
 * client. Thread-safe. {@link #close()} stops the heart-beat scheduler it created.
 */
public final class StompEngine implements AutoCloseable {
  private final StompRuntime runtime;

  public StompEngine(StompServerConfig config) {
    this.runtime = new StompRuntime(config);
  }

  /** The configuration the engine runs with. */
  public StompServerConfig config() {
    return runtime.config();
  }

  /**
   * Starts the STOMP state machine for a new WebSocket connection (awaiting CONNECT).
   *
   * @param transport where the connection writes
   * @param handshakeHeaders HTTP headers of the handshake, names in lower case
   * @param queryParameters query parameters of the handshake URL
   * @param principal user the web container already authenticated, if any
   */
  public StompConnection open(
      StompTransport transport,
      Map<String, List<String>> handshakeHeaders,
      Map<String, List<String>> queryParameters,
      Optional<String> principal) {
    Transport adapted =
        new Transport() {
          @Override
          public void send(String text, Consumer<Throwable> done) {
            transport.send(text, done);
          }

          @Override
          public void close(boolean violation, String reason) {
            transport.close(violation, reason);
          }
        };
    StompSession session =
        new StompSession(
            runtime, adapted, new HandshakeInfo(handshakeHeaders, queryParameters, principal));
    return new StompConnection() {
      @Override
      public void onText(String text) {
        session.onText(text);
      }

      @Override
      public void onBinary(ByteBuffer bytes) {
        session.onBinary(bytes);
      }

      @Override
      public void onTransportClosed() {
        session.onTransportClosed();
      }
    };
  }

  @Override
  public void close() {
    runtime.close();
  }
}
