package io.chatstack.spring.websocket.internal;

import io.chatstack.server.JakartaTransport;
import io.chatstack.server.StompTransport;
import io.chatstack.spring.websocket.ConnectionObserver;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.ClassUtils;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.sockjs.transport.SockJsSession;

/**
 * {@link StompTransport} over a Spring {@link WebSocketSession}: SockJS sessions, and raw WebSocket
 * sessions without a Jakarta session underneath (raw WebSocket on Tomcat and Jetty goes through
 * {@link JakartaTransport} instead, see {@link #of}). Spring's {@code sendMessage} blocks, so it
 * runs on the given executor and the engine's threads never block; the engine keeps one write in
 * flight.
 */
final class SpringWebSocketTransport implements StompTransport {
  private static final Logger LOG = LoggerFactory.getLogger(SpringWebSocketTransport.class);
  private static final boolean JAKARTA_PRESENT =
      ClassUtils.isPresent(
          "jakarta.websocket.Session", SpringWebSocketTransport.class.getClassLoader());

  private final WebSocketSession session;
  private final Executor writer;
  private final ConnectionObserver observer;

  private SpringWebSocketTransport(
      WebSocketSession session, Executor writer, ConnectionObserver observer) {
    this.session = session;
    this.writer = writer;
    this.observer = observer;
  }

  /**
   * The transport for a Spring session: the container's Jakarta session where a raw WebSocket
   * session has one (a handler that {@link StompUpgradeStrategy} leaves to Spring, such as a host's
   * subclass of {@link StompWebSocketHandler}), else Spring's blocking send on {@code writer}.
   */
  static StompTransport of(WebSocketSession session, Executor writer, ConnectionObserver observer) {
    // A SockJS session exposes its WebSocket too, but writes must go through SockJS framing.
    if (JAKARTA_PRESENT
        && !(session instanceof SockJsSession)
        && session instanceof NativeWebSocketSession nativeSession) {
      Session jakarta = nativeSession.getNativeSession(Session.class);
      if (jakarta != null) {
        return new JakartaTransport(jakarta, observer::closedByServer);
      }
    }
    return new SpringWebSocketTransport(session, writer, observer);
  }

  @Override
  public void send(String text, Consumer<Throwable> done) {
    writer.execute(
        () -> {
          try {
            session.sendMessage(new TextMessage(text));
            done.accept(null);
          } catch (IOException | RuntimeException e) {
            done.accept(e);
          }
        });
  }

  @Override
  public void close(boolean violation, String reason) {
    if (violation) {
      observer.closedByServer(reason);
    }
    try {
      CloseStatus status = violation ? CloseStatus.POLICY_VIOLATION : CloseStatus.NORMAL;
      session.close(status.withReason(reason.length() > 120 ? reason.substring(0, 120) : reason));
    } catch (IOException | RuntimeException e) {
      LOG.debug("Closing WebSocket session {} failed", session.getId(), e);
    }
  }
}
