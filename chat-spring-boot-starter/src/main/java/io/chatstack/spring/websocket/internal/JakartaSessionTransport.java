package io.chatstack.spring.websocket.internal;

import io.chatstack.server.StompTransport;
import io.chatstack.spring.websocket.ConnectionObserver;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link StompTransport} over the servlet container's Jakarta WebSocket {@link Session} of a raw
 * WebSocket connection (Tomcat, Jetty). Writes go through the container's asynchronous remote: no
 * thread waits for a slow socket and no hand-off to another thread is needed; the engine keeps one
 * write in flight.
 *
 * <p>The container's idle timeout is switched off while the connection is open (Tomcat has none by
 * default, Jetty 30 s): STOMP heart-beats decide when a quiet connection is dead, so a client that
 * negotiated none, or a longer period, is not closed by the container. When chatstack closes the
 * connection, the container's idle timeout applies again (Jetty: 30 s by default), so a close to a
 * client that no longer reads or answers ends in bounded time. Tomcat has no idle timeout by
 * default; there the wait for room to write a normal close frame (1000) is bounded instead (at most
 * 1 s, none when a write is still stuck), so a client that stopped reading never holds the closing
 * thread for Tomcat's 20 s. (A policy-violation close, 1008, already uses Tomcat's short timeout
 * for abnormal closes, 50 ms by default.) Thread-safe.
 */
final class JakartaSessionTransport implements StompTransport {
  private static final Logger LOG = LoggerFactory.getLogger(JakartaSessionTransport.class);

  /** Close reasons longer than this are cut: a close frame carries at most 123 bytes of reason. */
  private static final int MAX_REASON = 120;

  private final Session session;
  private final ConnectionObserver observer;
  private final RemoteEndpoint.Async async;

  /**
   * Tomcat's session property for how long a blocking send, a close frame's included, may wait for
   * room on the socket (20 s by default). Other containers ignore it.
   */
  static final String TOMCAT_BLOCKING_SEND_TIMEOUT =
      "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

  /** How long a close frame may wait for room on the socket after the last write completed. */
  static final long CLOSE_FRAME_WAIT_MILLIS = 1_000;

  /** The idle timeout the container gave the session, restored when chatstack closes it. */
  private final long containerIdleTimeout;

  /** Whether a write has not completed yet (the engine keeps at most one in flight). */
  private volatile boolean writing;

  JakartaSessionTransport(Session session, ConnectionObserver observer) {
    this.session = session;
    this.observer = observer;
    this.containerIdleTimeout = session.getMaxIdleTimeout();
    // STOMP heart-beats, as each client negotiates them, decide when a quiet connection is dead,
    // not the container: Jetty would close a connection after 30 s without traffic.
    session.setMaxIdleTimeout(0);
    this.async = session.getAsyncRemote();
  }

  @Override
  public void send(String text, Consumer<Throwable> done) {
    writing = true;
    try {
      async.sendText(
          text,
          result -> {
            writing = false;
            done.accept(result.isOK() ? null : result.getException());
          });
    } catch (RuntimeException e) {
      writing = false;
      done.accept(e);
    }
  }

  @Override
  public void close(boolean violation, String reason) {
    if (violation) {
      observer.closedByServer(reason);
    }
    // Tomcat writes a normal close frame (1000) with a blocking send on the closing thread: the
    // engine's scheduler when a close timeout expired, a container thread otherwise. A client that
    // stopped reading would hold that thread for Tomcat's 20 s. With a write still in flight (the
    // close timeout expired behind it) the close frame cannot go out at all; otherwise it gets a
    // short wait for room on the socket. Either way the connection then closes.
    session
        .getUserProperties()
        .put(TOMCAT_BLOCKING_SEND_TIMEOUT, writing ? 1L : CLOSE_FRAME_WAIT_MILLIS);
    CloseReason.CloseCode code =
        violation ? CloseReason.CloseCodes.VIOLATED_POLICY : CloseReason.CloseCodes.NORMAL_CLOSURE;
    try {
      session.close(
          new CloseReason(
              code, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason));
    } catch (IOException | RuntimeException e) {
      LOG.debug("Closing WebSocket session {} failed", session.getId(), e);
    }
    if (containerIdleTimeout > 0) {
      // Jetty closes asynchronously and, without a timeout, would wait forever to write the close
      // frame to a client that stopped reading, or for the close frame of a client that vanished.
      // Set after the close, so that an already quiet connection ends with chatstack's close code
      // rather than an idle timeout's.
      try {
        session.setMaxIdleTimeout(containerIdleTimeout);
      } catch (RuntimeException e) {
        LOG.debug("Session {} closed before its idle timeout was restored", session.getId(), e);
      }
    }
  }
}
