package io.chatstack.spring.websocket.internal;

import io.chatstack.server.StompTransport;
import io.chatstack.spring.websocket.ConnectionObserver;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * {@link StompTransport} over a Spring {@link WebSocketSession}: SockJS sessions, and raw WebSocket
 * sessions of a container without the Jakarta WebSocket API (raw WebSocket on Tomcat and Jetty goes
 * through {@link JakartaSessionTransport} instead). Spring's {@code sendMessage} blocks, so it runs
 * on the given executor and the engine's threads never block; the engine keeps one write in flight.
 */
final class SpringWebSocketTransport implements StompTransport {
  private static final Logger LOG = LoggerFactory.getLogger(SpringWebSocketTransport.class);

  private final WebSocketSession session;
  private final Executor writer;
  private final ConnectionObserver observer;

  SpringWebSocketTransport(WebSocketSession session, Executor writer, ConnectionObserver observer) {
    this.session = session;
    this.writer = writer;
    this.observer = observer;
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
