package io.chatstack.spring.websocket.internal;

import io.chatstack.server.StompTransport;
import io.chatstack.spring.websocket.ConnectionObserver;
import jakarta.websocket.RemoteEndpoint;
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
 * {@link StompTransport} over a Spring {@link WebSocketSession} (raw WebSocket or SockJS). The
 * engine keeps one write in flight. Raw WebSocket sessions of a JSR-356 container (Tomcat, Jetty,
 * Undertow) are written through the container's asynchronous remote: no thread waits for a slow
 * socket and no hand-off to another thread is needed. Their container idle timeout is switched off
 * while the connection is open (Tomcat has none by default, Jetty 30 s): STOMP heart-beats decide
 * when a quiet connection is dead, so a client that negotiated none, or a longer period, is not
 * closed by the container. When chatstack closes the connection, the container's idle timeout
 * applies again (Jetty: 30 s by default), so a close to a client that no longer reads or answers
 * ends in bounded time; Tomcat, which has no idle timeout by default, bounds a close itself. Other
 * sessions (SockJS) use Spring's blocking {@code sendMessage}, run on the given executor so the
 * engine's threads never block.
 */
final class SpringWebSocketTransport implements StompTransport {
  private static final Logger LOG = LoggerFactory.getLogger(SpringWebSocketTransport.class);
  private static final boolean JAKARTA_PRESENT =
      ClassUtils.isPresent(
          "jakarta.websocket.Session", SpringWebSocketTransport.class.getClassLoader());

  private final WebSocketSession session;
  private final Executor writer;
  private final ConnectionObserver observer;

  /** The container's session for a raw WebSocket connection; null for SockJS and other sessions. */
  private final Session jakarta;

  private final RemoteEndpoint.Async async;

  /** The idle timeout the container gave the session, restored when chatstack closes it. */
  private final long containerIdleTimeout;

  SpringWebSocketTransport(WebSocketSession session, Executor writer, ConnectionObserver observer) {
    this.session = session;
    this.writer = writer;
    this.observer = observer;
    this.jakarta = jakartaSession(session);
    if (jakarta != null) {
      this.containerIdleTimeout = jakarta.getMaxIdleTimeout();
      // STOMP heart-beats, as each client negotiates them, decide when a quiet connection is
      // dead, not the container: Jetty would close a connection after 30 s without traffic.
      jakarta.setMaxIdleTimeout(0);
      this.async = jakarta.getAsyncRemote();
    } else {
      this.containerIdleTimeout = 0;
      this.async = null;
    }
  }

  private static Session jakartaSession(WebSocketSession session) {
    // A SockJS session exposes its WebSocket too, but writes must go through SockJS framing.
    if (JAKARTA_PRESENT
        && !(session instanceof SockJsSession)
        && session instanceof NativeWebSocketSession nativeSession) {
      return nativeSession.getNativeSession(Session.class);
    }
    return null;
  }

  @Override
  public void send(String text, Consumer<Throwable> done) {
    if (async != null) {
      try {
        async.sendText(text, result -> done.accept(result.isOK() ? null : result.getException()));
      } catch (RuntimeException e) {
        done.accept(e);
      }
      return;
    }
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
    if (jakarta != null && containerIdleTimeout > 0) {
      // Jetty closes asynchronously and, without a timeout, would wait forever to write the close
      // frame to a client that stopped reading, or for the close frame of a client that vanished.
      // Set after the close, so that an already quiet connection ends with chatstack's close code
      // rather than an idle timeout's.
      try {
        jakarta.setMaxIdleTimeout(containerIdleTimeout);
      } catch (RuntimeException e) {
        LOG.debug("Session {} closed before its idle timeout was restored", session.getId(), e);
      }
    }
  }
}
