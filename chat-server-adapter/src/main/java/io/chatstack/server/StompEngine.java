package io.chatstack.server;

import io.chatstack.server.internal.HandshakeInfo;
import io.chatstack.server.internal.StompRuntime;
import io.chatstack.server.internal.StompSession;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The transport-agnostic STOMP 1.2 engine every WebSocket binding runs on: the built-in {@link
 * ChatEndpoint} (jakarta.websocket), the Spring Boot starter's handler (Spring WebSocket and
 * SockJS), or your own. One engine per endpoint; {@link #open} one {@link StompConnection} per
 * client. Thread-safe. {@link #close()} stops the heart-beat scheduler it created.
 *
 * <p>The protocol it speaks (destinations, bodies, RECEIPTs, error codes, including the edit,
 * delete and react SENDs of the message lifecycle) is described in the {@linkplain
 * io.chatstack.server package documentation} and {@link io.chatstack.stomp.StompDestinations}.
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
    return new StompSession(
        runtime, transport, new HandshakeInfo(handshakeHeaders, queryParameters, principal));
  }

  @Override
  public void close() {
    runtime.close();
  }
}
