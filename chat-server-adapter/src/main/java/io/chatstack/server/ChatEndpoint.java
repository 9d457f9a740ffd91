package io.chatstack.server;

import io.chatstack.server.internal.HandshakeInfo;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The STOMP-over-WebSocket endpoint for any Jakarta WebSocket 2.1+ (JSR-356) container. One
 * instance per connection, created by the configurator of {@link #serverEndpointConfig(String,
 * StompServerConfig)}:
 *
 * <pre>{@code
 * ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
 * container.addEndpoint(ChatEndpoint.serverEndpointConfig("/ws", config));
 * }</pre>
 *
 * <p>Each connection runs on the same {@link StompEngine} as any other binding. The container calls
 * it on its own threads, one at a time per connection. It writes through a {@link
 * JakartaTransport}: asynchronously, with the container's idle timeout off while the connection is
 * open (STOMP heart-beats decide when a quiet connection is dead) and a bounded close.
 */
public final class ChatEndpoint extends Endpoint {
  static final String HANDSHAKE = "io.chatstack.server.handshake";
  static final String ORIGIN_REFUSED = "io.chatstack.server.originRefused";
  private static final Logger LOG = LoggerFactory.getLogger(ChatEndpoint.class);

  private final StompEngine engine;
  private volatile StompConnection stomp;

  ChatEndpoint(StompEngine engine) {
    this.engine = engine;
  }

  /**
   * The endpoint registration to add to a {@code ServerContainer}: path, STOMP subprotocols, origin
   * check, handshake capture. Its heart-beat timer runs on a daemon thread unless the config
   * supplies a scheduler.
   */
  public static ServerEndpointConfig serverEndpointConfig(String path, StompServerConfig config) {
    return serverEndpointConfig(path, new StompEngine(config));
  }

  static ServerEndpointConfig serverEndpointConfig(String path, StompEngine engine) {
    return ServerEndpointConfig.Builder.create(ChatEndpoint.class, path)
        .subprotocols(List.of("v12.stomp", "v11.stomp", "v10.stomp"))
        .configurator(new ChatEndpointConfigurator(engine))
        .build();
  }

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    Object refused =
        session
            .getUserProperties()
            .getOrDefault(ORIGIN_REFUSED, config.getUserProperties().get(ORIGIN_REFUSED));
    if (Boolean.TRUE.equals(refused)) {
      closeQuietly(
          session, new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "origin not allowed"));
      return;
    }
    int frameLimit = engine.config().limits().maxFrameBytes();
    // Larger than the STOMP limit so oversized frames get a STOMP ERROR rather than a bare close.
    session.setMaxTextMessageBufferSize(frameLimit * 2);
    session.setMaxBinaryMessageBufferSize(frameLimit * 2);
    Object captured =
        session
            .getUserProperties()
            .getOrDefault(HANDSHAKE, config.getUserProperties().get(HANDSHAKE));
    Map<String, List<String>> headers =
        captured instanceof HandshakeInfo h ? h.headers() : Map.of();
    StompConnection connection =
        engine.open(
            new JakartaTransport(session),
            headers,
            session.getRequestParameterMap(),
            Optional.ofNullable(session.getUserPrincipal()).map(Principal::getName));
    stomp = connection;
    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) connection::onText);
    session.addMessageHandler(
        ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) connection::onBinary);
  }

  private static void closeQuietly(Session session, CloseReason reason) {
    try {
      session.close(reason);
    } catch (java.io.IOException | RuntimeException e) {
      LOG.debug("Closing {} failed", session.getId(), e);
    }
  }

  @Override
  public void onClose(Session session, CloseReason closeReason) {
    StompConnection connection = stomp;
    if (connection != null) {
      connection.onTransportClosed();
    }
  }

  @Override
  public void onError(Session session, Throwable failure) {
    LOG.debug("WebSocket error on {}", session.getId(), failure);
    StompConnection connection = stomp;
    if (connection != null) {
      connection.onTransportClosed();
    }
  }
}
