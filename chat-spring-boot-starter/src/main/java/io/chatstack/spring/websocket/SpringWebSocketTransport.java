package io.chatstack.spring.websocket;

import io.chatstack.server.StompTransport;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * {@link StompTransport} over a Spring {@link WebSocketSession} (raw WebSocket or SockJS). Spring's
 * {@code sendMessage} blocks and must not overlap; the engine keeps one write in flight, which runs
 * on the given executor so the engine's threads never block on a slow socket.
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
