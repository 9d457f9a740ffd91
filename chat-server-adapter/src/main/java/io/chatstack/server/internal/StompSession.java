package io.chatstack.server.internal;

import io.chatstack.core.ChatException;
import io.chatstack.server.AuthenticationException;
import io.chatstack.server.AuthenticationRequest;
import io.chatstack.server.ChatPrincipal;
import io.chatstack.server.StompServerConfig;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.simp.stomp.StompCommand;

/**
 * The STOMP 1.2 protocol engine of one connection, independent of the transport: awaiting CONNECT →
 * connected → closed. Every protocol violation is answered with an ERROR frame, then the connection
 * is closed, and nothing the frame asked for happens.
 *
 * <p>Thread-safety: inbound data ({@link #onText}, {@link #onBinary}) is processed one call at a
 * time (the methods are synchronized; transports call them from one thread per connection anyway).
 * Deliveries, receipts and timers come from other threads and only touch the outbound queue and
 * atomic state.
 *
 * <p>Timeouts: a connection must complete CONNECT within {@link StompServerConfig#connectTimeout()}
 * of being opened (else ERROR {@code connect-timeout}), and every frame must arrive completely
 * within {@link StompServerConfig#frameTimeout()} of its first byte (else ERROR {@code
 * frame-timeout}), so that neither idle sockets nor frames sent byte by byte (slowloris) hold a
 * connection open. Both run on the runtime's scheduler, whatever the transport.
 */
public final class StompSession {
  private static final Logger LOG = LoggerFactory.getLogger(StompSession.class);

  /** How long a closing connection may take to write its last frames before it is cut off. */
  static final long CLOSE_TIMEOUT_MILLIS = 30_000;

  /** How long a since-seq replay waits for room in a full outbound queue before giving up. */
  static final long REPLAY_STALL_MILLIS = 30_000;

  enum State {
    AWAITING_CONNECT,
    CONNECTED,
    CLOSED
  }

  private final StompRuntime runtime;
  // Needed only to authenticate; dropped after CONNECT so idle sessions stay small.
  private HandshakeInfo handshake;
  private final FrameReader reader;
  private final OutboundQueue outbound;
  private final String id = UUID.randomUUID().toString();
  private final AtomicReference<State> state = new AtomicReference<>(State.AWAITING_CONNECT);
  private final HeartbeatTimers heartbeats;
  private final Deadline connectDeadline;
  private final Deadline frameDeadline;
  private final SessionSubscriptions subscriptions;
  private final SessionCommands commands;
  private volatile long lastInboundNanos = System.nanoTime();
  private volatile ChatPrincipal principal;

  public StompSession(StompRuntime runtime, Transport transport, HandshakeInfo handshake) {
    this.runtime = runtime;
    this.handshake = handshake;
    this.reader = new FrameReader(runtime.config().limits());
    String overflow =
        runtime
            .frames()
            .error(
                "slow-consumer",
                "Too many frames waiting for this client (limit "
                    + runtime.config().limits().outboundQueueFrames()
                    + "); read faster, subscribe to fewer rooms, or reconnect with since-seq",
                null);
    this.outbound =
        new OutboundQueue(
            transport,
            runtime.config().limits().outboundQueueFrames(),
            overflow,
            runtime.scheduler(),
            CLOSE_TIMEOUT_MILLIS);
    this.heartbeats = new HeartbeatTimers(runtime.scheduler());
    this.subscriptions = new SessionSubscriptions(this);
    this.commands = new SessionCommands(this);
    long connectMillis = runtime.config().connectTimeout().toMillis();
    this.connectDeadline =
        new Deadline(
            runtime.scheduler(),
            connectMillis,
            () ->
                failWhileAwaitingConnect(
                    "connect-timeout",
                    "No CONNECT within "
                        + connectMillis
                        + " ms of opening the connection; send CONNECT (with accept-version and"
                        + " credentials) as soon as the WebSocket is open"));
    long frameMillis = runtime.config().frameTimeout().toMillis();
    this.frameDeadline =
        new Deadline(
            runtime.scheduler(),
            frameMillis,
            () ->
                fail(
                    "frame-timeout",
                    "A frame was started but not completed within "
                        + frameMillis
                        + " ms; send each frame whole, up to its NUL, without pausing in between",
                    null));
    connectDeadline.start();
  }

  /** A WebSocket text message arrived. */
  public synchronized void onText(String text) {
    lastInboundNanos = System.nanoTime();
    if (state.get() != State.CLOSED) {
      long completedBefore = reader.completedFrames();
      process(() -> reader.read(text));
      timePartialFrame(completedBefore);
    }
  }

  /** A WebSocket binary message arrived (must be UTF-8 STOMP too). */
  public synchronized void onBinary(ByteBuffer bytes) {
    lastInboundNanos = System.nanoTime();
    if (state.get() != State.CLOSED) {
      long completedBefore = reader.completedFrames();
      process(() -> reader.read(bytes));
      timePartialFrame(completedBefore);
    }
  }

  // A frame's clock starts with its first byte: a new one when this read completed a frame and
  // began the next, none once nothing is buffered.
  private void timePartialFrame(long completedBefore) {
    if (state.get() == State.CLOSED) {
      return;
    }
    if (reader.bufferedBytes() == 0) {
      frameDeadline.cancel();
    } else if (reader.completedFrames() != completedBefore) {
      frameDeadline.start();
    } else {
      frameDeadline.startIfStopped();
    }
  }

  /** The transport is gone (closed by either side): release subscriptions and timers. */
  public void onTransportClosed() {
    outbound.terminate();
    if (state.getAndSet(State.CLOSED) != State.CLOSED) {
      LOG.debug("STOMP session {} closed by transport", id);
    }
    cleanUpLater();
  }

  private void process(java.util.function.Supplier<List<InboundFrame>> read) {
    InboundFrame current = null;
    try {
      for (InboundFrame frame : read.get()) {
        current = frame;
        handle(frame);
        if (state.get() == State.CLOSED) {
          return;
        }
      }
    } catch (StompProtocolException | AuthenticationException e) {
      fail(e.code(), e.getMessage(), current == null ? null : current.receipt().orElse(null));
    } catch (io.chatstack.stomp.StompProtocolException e) {
      fail(e.code(), e.getMessage(), current == null ? null : current.receipt().orElse(null));
    } catch (ChatException e) {
      applicationError(e, current == null ? null : current.receipt().orElse(null));
    } catch (RuntimeException e) {
      LOG.warn("STOMP session {}: unexpected failure", id, e);
      fail("internal-error", "The server failed to process the frame; try again later", null);
    }
  }

  private void handle(InboundFrame frame) {
    StompCommand command = frame.command();
    if (state.get() == State.AWAITING_CONNECT) {
      if (command != StompCommand.CONNECT && command != StompCommand.STOMP) {
        throw new StompProtocolException("not-connected", "Send CONNECT first; got " + command);
      }
      connect(frame);
      return;
    }
    switch (command) {
      case CONNECT, STOMP ->
          throw new StompProtocolException(
              "already-connected", "This connection is already connected; CONNECT only once");
      case SEND -> commands.send(frame);
      case SUBSCRIBE -> subscriptions.subscribe(frame);
      case UNSUBSCRIBE -> subscriptions.unsubscribe(frame);
      case DISCONNECT -> disconnect(frame);
      case ACK, NACK ->
          throw new StompProtocolException(
              "unsupported-ack",
              command
                  + " is not supported: every subscription acknowledges automatically (ack:auto)");
      case BEGIN, COMMIT, ABORT ->
          throw new StompProtocolException(
              "unsupported-transaction",
              command
                  + " is not supported: this server has no STOMP transactions; send frames without 'transaction'");
      default ->
          throw new StompProtocolException("unknown-command", command + " is not a client command");
    }
  }

  private void connect(InboundFrame frame) {
    String version = negotiateVersion(frame.headers().get("accept-version"));
    long serverSend = runtime.config().heartbeatSend().toMillis();
    long serverReceive = runtime.config().heartbeatReceive().toMillis();
    Heartbeat heartbeat =
        Heartbeat.negotiate(frame.headers().get("heart-beat"), serverSend, serverReceive);
    ChatPrincipal user;
    try {
      user =
          runtime
              .config()
              .authenticator()
              .authenticate(
                  new AuthenticationRequest(
                      frame.headers(),
                      handshake.headers(),
                      handshake.query(),
                      handshake.principal()));
    } catch (AuthenticationException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warn("STOMP session {}: authenticator failed", id, e);
      throw new AuthenticationException("Authentication failed");
    }
    if (user == null) {
      throw new AuthenticationException("Authentication failed");
    }
    principal = user;
    handshake = HandshakeInfo.NONE;
    if (!state.compareAndSet(State.AWAITING_CONNECT, State.CONNECTED)) {
      return;
    }
    connectDeadline.close();
    outbound.offer(
        runtime
            .frames()
            .encode(
                StompCommand.CONNECTED,
                Map.of(
                    "version",
                    version,
                    "heart-beat",
                    serverSend + "," + serverReceive,
                    "server",
                    "chatstack",
                    "session",
                    id,
                    "user-name",
                    user.name()),
                new byte[0]));
    startHeartbeats(heartbeat);
  }

  private static String negotiateVersion(String acceptVersion) {
    List<String> versions =
        acceptVersion == null ? List.of("1.0") : List.of(acceptVersion.split(","));
    if (versions.stream().anyMatch(v -> v.trim().equals("1.2"))) {
      return "1.2";
    }
    if (versions.stream().anyMatch(v -> v.trim().equals("1.1"))) {
      return "1.1";
    }
    throw new StompProtocolException(
        "unsupported-version",
        "Supported STOMP versions are 1.2 and 1.1; send 'accept-version:1.2'");
  }

  private void startHeartbeats(Heartbeat heartbeat) {
    heartbeats.start(
        heartbeat,
        outbound,
        () -> lastInboundNanos,
        () ->
            fail(
                "heart-beat-timeout",
                "Nothing received for more than twice the negotiated heart-beat interval of "
                    + heartbeat.expectEveryMillis()
                    + " ms; send heart-beats (EOL) more often",
                null));
  }

  private void disconnect(InboundFrame frame) {
    if (state.getAndSet(State.CLOSED) == State.CLOSED) {
      return;
    }
    frame.receipt().ifPresent(r -> outbound.offer(runtime.frames().receipt(r, Map.of())));
    outbound.closeAfter(null, false, "disconnect");
    cleanUpLater();
  }

  /** ERROR, then close; idempotent. Callable from any thread. */
  void fail(String code, String message, String receiptId) {
    if (state.getAndSet(State.CLOSED) == State.CLOSED) {
      return;
    }
    closeWithError(code, message, receiptId);
  }

  // Only a connection still waiting for CONNECT: one that just connected keeps going.
  private void failWhileAwaitingConnect(String code, String message) {
    if (state.compareAndSet(State.AWAITING_CONNECT, State.CLOSED)) {
      closeWithError(code, message, null);
    }
  }

  private void closeWithError(String code, String message, String receiptId) {
    LOG.debug("STOMP session {} refused: {} {}", id, code, message);
    outbound.closeAfter(runtime.frames().error(code, message, receiptId), true, code);
    cleanUpLater();
  }

  /** A non-fatal error: to /user/queue/errors when subscribed, else ERROR and close. Any thread. */
  void applicationError(ChatException e, String receiptId) {
    if (!subscriptions.reportError(e, receiptId)) {
      fail(e.code(), e.getMessage(), receiptId);
    }
  }

  /** Queues a frame for the client if still connected. Any thread. */
  void deliver(String frame) {
    if (state.get() == State.CONNECTED) {
      outbound.offer(frame);
    }
  }

  /**
   * Queues a frame of a since-seq replay, waiting (on the calling inbound thread) while the queue
   * is full; a client that takes no frame for {@link #REPLAY_STALL_MILLIS} is closed as a slow
   * consumer.
   */
  void deliverPaced(String frame) {
    if (state.get() == State.CONNECTED) {
      outbound.offerPaced(frame, REPLAY_STALL_MILLIS);
    }
  }

  /**
   * Sends a RECEIPT if {@code receiptId} is not null, waiting like {@link #deliverPaced} while the
   * queue is full. Only on the inbound thread, for receipts that follow a paced replay.
   */
  void receiptPaced(String receiptId) {
    if (receiptId != null) {
      deliverPaced(runtime.frames().receipt(receiptId, Map.of()));
    }
  }

  /** Sends a RECEIPT if {@code receiptId} is not null. Any thread. */
  void receipt(String receiptId, Map<String, String> extra) {
    if (receiptId != null) {
      deliver(runtime.frames().receipt(receiptId, extra));
    }
  }

  /** Frames waiting in the outbound queue (for tests and metrics). */
  int queuedFrames() {
    return outbound.size();
  }

  /** Bytes of an incomplete inbound frame being buffered. */
  synchronized int bufferedBytes() {
    return reader.bufferedBytes();
  }

  boolean isOpen() {
    return state.get() != State.CLOSED;
  }

  StompRuntime runtime() {
    return runtime;
  }

  ChatPrincipal principal() {
    return principal;
  }

  String id() {
    return id;
  }

  // Subscriptions may be closed from inside a bus delivery (slow consumer): do it off that thread.
  private void cleanUpLater() {
    try {
      runtime.scheduler().execute(this::cleanUp);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      cleanUp();
    }
  }

  private void cleanUp() {
    connectDeadline.close();
    frameDeadline.close();
    heartbeats.cancel();
    subscriptions.closeAll();
  }
}
