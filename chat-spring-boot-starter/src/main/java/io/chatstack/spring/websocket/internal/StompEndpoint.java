package io.chatstack.spring.websocket.internal;

import io.chatstack.server.JakartaTransport;
import io.chatstack.server.StompConnection;
import io.chatstack.server.StompEngine;
import io.chatstack.spring.websocket.ConnectionObserver;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jakarta WebSocket endpoint of one raw WebSocket connection, created by {@link
 * StompUpgradeStrategy} after Spring's handshake (origin check, subprotocol, principal). It runs
 * the STOMP engine on the container's session directly, without Spring's {@code WebSocketSession}
 * in between: no copy of the handshake headers, attributes map or adapter stays alive for the
 * connection's life. The handshake's headers are handed to the engine at open and not kept.
 *
 * <p>The container calls {@code onOpen} and the message handlers one at a time; {@code onClose} and
 * {@code onError} may come on another thread, and the observer hears of the end once. Public only
 * because Jetty refuses endpoint classes that are not.
 */
public final class StompEndpoint extends Endpoint {
  private static final Logger LOG = LoggerFactory.getLogger(StompEndpoint.class);

  private static final AtomicReferenceFieldUpdater<StompEndpoint, StompConnection> CONNECTION =
      AtomicReferenceFieldUpdater.newUpdater(
          StompEndpoint.class, StompConnection.class, "connection");

  private final StompEngine engine;
  private final ConnectionObserver observer;
  private volatile @Nullable Handshake handshake;

  /** Until the connection ends; taken once by whichever of onClose and onError comes first. */
  private volatile @Nullable StompConnection connection;

  /** What the engine needs from the HTTP handshake, until the connection opens. */
  record Handshake(
      Map<String, List<String>> headers,
      Map<String, List<String>> query,
      Optional<String> principal) {}

  StompEndpoint(StompEngine engine, ConnectionObserver observer, Handshake handshake) {
    this.engine = engine;
    this.observer = observer;
    this.handshake = handshake;
  }

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    Handshake h = handshake;
    handshake = null;
    if (h == null) {
      throw new IllegalStateException("A StompEndpoint serves one connection only");
    }
    try {
      StompConnection opened =
          engine.open(
              new JakartaTransport(session, observer::closedByServer),
              h.headers(),
              h.query(),
              h.principal());
      connection = opened;
      observer.opened();
      // Partial messages: the container hands a large message over in parts, so its buffers stay
      // at chatstack.websocket.buffer-size; the STOMP frame reader joins the parts and enforces
      // the frame size limit itself. Parts never split a surrogate pair: containers decode into
      // whole characters.
      session.addMessageHandler(String.class, guarded(session, opened::onText));
      session.addMessageHandler(ByteBuffer.class, guarded(session, opened::onBinary));
    } catch (RuntimeException e) {
      end(); // the engine's session, if it opened, ends with the connection
      failed(session, e);
    }
  }

  /** Hands each part on; an unexpected failure closes the connection. */
  private static <T> MessageHandler.Partial<T> guarded(Session session, Consumer<T> deliver) {
    return (part, last) -> {
      try {
        deliver.accept(part);
      } catch (RuntimeException e) {
        failed(session, e);
      }
    };
  }

  /**
   * A bug, not bad input (the engine answers that with a STOMP ERROR): closed with 1011, as
   * Spring's exception decorator would. Errors other than exceptions are left to the container.
   */
  private static void failed(Session session, RuntimeException e) {
    LOG.error("Closing WebSocket session {} after an unexpected failure", session.getId(), e);
    try {
      session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "server error"));
    } catch (IOException | RuntimeException closing) {
      LOG.debug("Closing WebSocket session {} failed", session.getId(), closing);
    }
  }

  @Override
  public void onClose(Session session, CloseReason closeReason) {
    end();
  }

  @Override
  public void onError(Session session, Throwable failure) {
    end();
  }

  private void end() {
    StompConnection c = CONNECTION.getAndSet(this, null);
    if (c != null) {
      c.onTransportClosed();
      observer.closed();
    }
  }
}
