package io.chatstack.server;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link StompTransport} over a Jakarta WebSocket {@link Session}, as {@link ChatEndpoint} and
 * the Spring Boot starter's raw WebSocket endpoint use it. For a host that writes its own Jakarta
 * {@code Endpoint}: create one in {@code onOpen} and pass it to {@link StompEngine#open}.
 *
 * <p>Writes go through the container's asynchronous remote: no thread waits for a slow socket and
 * no hand-off to another thread is needed; the engine keeps one write in flight.
 *
 * <p>Creating the transport switches the container's idle timeout off for the session (Tomcat has
 * none by default, Jetty 30 s): STOMP heart-beats decide when a quiet connection is dead, so a
 * client that negotiated none, or a longer period, is not closed by the container. When chatstack
 * closes the connection, the container's idle timeout applies again (Tomcat, Jetty), so a close to
 * a client that no longer reads or answers ends in bounded time on Jetty. Tomcat has no idle
 * timeout by default; there the wait for room to write a normal close frame (1000) is bounded
 * instead (at most 1 s, none when a write is still stuck), so a client that stopped reading never
 * holds the closing thread for Tomcat's 20 s. (A policy-violation close, 1008, already uses
 * Tomcat's short timeout for abnormal closes, 50 ms by default.) Other containers ignore that
 * bound.
 *
 * <p>Thread-safe. Lives as long as the session; it holds no resources of its own.
 */
public final class JakartaTransport implements StompTransport {
  private static final Logger LOG = LoggerFactory.getLogger(JakartaTransport.class);

  /** Close reasons longer than this are cut: a close frame carries at most 123 bytes of reason. */
  private static final int MAX_REASON = 120;

  /**
   * Tomcat's session property for how long a blocking send, a close frame's included, may wait for
   * room on the socket (20 s by default). Other containers ignore it.
   */
  static final String TOMCAT_BLOCKING_SEND_TIMEOUT =
      "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

  /** How long a close frame may wait for room on the socket after the last write completed. */
  static final long CLOSE_FRAME_WAIT_MILLIS = 1_000;

  private static final Consumer<String> NO_LISTENER = reason -> {};

  private final Session session;
  private final RemoteEndpoint.Async async;
  private final Consumer<String> onPolicyClose;

  /** The idle timeout the container gave the session, restored when chatstack closes it. */
  private final long containerIdleTimeout;

  /** Whether a write has not completed yet (the engine keeps at most one in flight). */
  private volatile boolean writing;

  /** The container's completion handler for the last {@code done} callback given to send. */
  private volatile Completion completion;

  /** Tells one write's outcome to {@code done}; made once per callback, not once per write. */
  private record Completion(Consumer<Throwable> done, JakartaTransport transport)
      implements SendHandler {
    @Override
    public void onResult(SendResult result) {
      transport.writing = false;
      done.accept(result.isOK() ? null : result.getException());
    }
  }

  /**
   * A transport over a session that has just opened ({@code Endpoint.onOpen}); one per session.
   * Switches the session's idle timeout off, as described above.
   */
  public JakartaTransport(Session session) {
    this(session, NO_LISTENER);
  }

  /**
   * A transport over an open session that also tells {@code onPolicyClose} the reason whenever the
   * engine closes the connection for a protocol or limit violation (close code 1008), on the
   * closing thread, before the close frame is written. For metrics and logs: it must not block; an
   * exception it throws is logged and the connection closes anyway. One transport per session.
   */
  public JakartaTransport(Session session, Consumer<String> onPolicyClose) {
    this.session = Objects.requireNonNull(session, "session");
    this.onPolicyClose = Objects.requireNonNull(onPolicyClose, "onPolicyClose");
    this.containerIdleTimeout = session.getMaxIdleTimeout();
    session.setMaxIdleTimeout(0);
    this.async = session.getAsyncRemote();
  }

  @Override
  public void send(String text, Consumer<Throwable> done) {
    writing = true;
    Completion c = completion;
    if (c == null || c.done() != done) {
      // The engine passes the same callback for every write of a connection: one handler for all.
      c = new Completion(done, this);
      completion = c;
    }
    try {
      async.sendText(text, c);
    } catch (RuntimeException e) {
      writing = false;
      done.accept(e);
    }
  }

  @Override
  public void close(boolean violation, String reason) {
    if (!session.isOpen()) {
      return; // closed by the client or the container already
    }
    if (violation) {
      try {
        onPolicyClose.accept(reason);
      } catch (RuntimeException e) {
        LOG.warn("The policy-close listener of WebSocket session {} failed", session.getId(), e);
      }
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
