package io.chatstack.server.internal;

import io.chatstack.core.ChatException;
import io.chatstack.core.Subscription;
import io.chatstack.server.AuthenticationException;
import io.chatstack.server.ChatPrincipal;
import io.chatstack.server.StompConnection;
import io.chatstack.server.StompServerConfig;
import io.chatstack.server.StompTransport;
import io.chatstack.stomp.Command;
import io.chatstack.stomp.ErrorCodes;
import io.chatstack.stomp.FrameReader;
import io.chatstack.stomp.HeaderNames;
import io.chatstack.stomp.Heartbeat;
import io.chatstack.stomp.StompFrame;
import io.chatstack.stomp.StompProtocolException;
import io.chatstack.stomp.StompVersions;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>Once connected, SEND goes to {@link SessionCommands} and SUBSCRIBE/UNSUBSCRIBE to {@link
 * SessionSubscriptions}, created for the authenticated user with the narrow things they use; they
 * answer through this session's {@link Replies}.
 *
 * <p>Presence: from CONNECTED until the session ends (any way: DISCONNECT, ERROR, transport closed)
 * the session holds {@link io.chatstack.core.Presence#connected} open for its user, so the user is
 * online while at least one of their connections is. A failure of presence is logged and does not
 * refuse the connection.
 */
public final class StompSession implements StompConnection, Replies {
  private static final Logger LOG = LoggerFactory.getLogger(StompSession.class);

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
  // Created at CONNECT for the authenticated user; null before.
  private volatile ErrorQueue errors;
  private volatile SessionSubscriptions subscriptions;
  private volatile SessionCommands commands;
  private volatile long lastInboundNanos = System.nanoTime();
  // The user's presence while connected; taken (and closed) once by the clean-up.
  private final AtomicReference<Subscription> online = new AtomicReference<>();

  public StompSession(StompRuntime runtime, StompTransport transport, HandshakeInfo handshake) {
    this.runtime = runtime;
    this.handshake = handshake;
    this.reader = FrameReader.forServer(runtime.frameLimits());
    this.outbound =
        new OutboundQueue(
            transport,
            runtime.config().limits().outboundQueueFrames(),
            runtime.slowConsumerError(),
            runtime.scheduler(),
            runtime.config().closeTimeout().toMillis());
    this.heartbeats = new HeartbeatTimers(runtime.scheduler());
    long connectMillis = runtime.config().connectTimeout().toMillis();
    this.connectDeadline =
        new Deadline(
            runtime.scheduler(),
            connectMillis,
            () ->
                failWhileAwaitingConnect(
                    ErrorCodes.CONNECT_TIMEOUT,
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
                    ErrorCodes.FRAME_TIMEOUT,
                    "A frame was started but not completed within "
                        + frameMillis
                        + " ms; send each frame whole, up to its NUL, without pausing in between",
                    null));
    connectDeadline.start();
  }

  /** A WebSocket text message arrived. */
  @Override
  public synchronized void onText(String text) {
    lastInboundNanos = System.nanoTime();
    if (state.get() != State.CLOSED) {
      long completedBefore = reader.completedFrames();
      process(() -> reader.read(text));
      timePartialFrame(completedBefore);
    }
  }

  /** A WebSocket binary message arrived (must be UTF-8 STOMP too). */
  @Override
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
  @Override
  public void onTransportClosed() {
    outbound.terminate();
    if (state.getAndSet(State.CLOSED) != State.CLOSED) {
      LOG.debug("STOMP session {} closed by transport", id);
    }
    cleanUpLater();
  }

  private void process(java.util.function.Supplier<List<StompFrame>> read) {
    List<StompFrame> frames;
    try {
      frames = read.get();
    } catch (RuntimeException e) {
      onFailure(e, null);
      return;
    }
    // One by one: a refused frame (an application error) does not swallow the frames that came
    // in the same transport message after it; a fatal error ends the connection and the loop.
    for (StompFrame frame : frames) {
      try {
        handle(frame);
      } catch (RuntimeException e) {
        onFailure(e, frame);
      }
      if (state.get() == State.CLOSED) {
        return;
      }
    }
  }

  /**
   * A frame failed: a refusal ({@link ChatException}) is an application error and the connection
   * stays; a protocol, authentication or internal failure ends it with an ERROR frame.
   */
  private void onFailure(RuntimeException e, StompFrame frame) {
    String receipt = frame == null ? null : frame.receipt().orElse(null);
    if (e instanceof StompProtocolException p) {
      fail(p.code(), p.getMessage(), receipt);
    } else if (e instanceof AuthenticationException a) {
      fail(a.code(), a.getMessage(), receipt);
    } else if (e instanceof ChatException c) {
      applicationError(c, receipt);
    } else {
      LOG.warn("STOMP session {}: unexpected failure", id, e);
      fail(
          ErrorCodes.INTERNAL_ERROR,
          "The server failed to process the frame; try again later",
          null);
    }
  }

  private void handle(StompFrame frame) {
    Command command = frame.command();
    if (state.get() == State.AWAITING_CONNECT) {
      if (!command.isConnect()) {
        throw new StompProtocolException(
            ErrorCodes.NOT_CONNECTED, "Send CONNECT first; got " + command);
      }
      connect(frame);
      return;
    }
    switch (command) {
      case CONNECT, STOMP ->
          throw new StompProtocolException(
              ErrorCodes.ALREADY_CONNECTED,
              "This connection is already connected; CONNECT only once");
      case SEND -> commands.send(frame);
      case SUBSCRIBE -> subscriptions.subscribe(frame);
      case UNSUBSCRIBE -> subscriptions.unsubscribe(frame);
      case DISCONNECT -> disconnect(frame);
      case ACK, NACK ->
          throw new StompProtocolException(
              ErrorCodes.UNSUPPORTED_ACK,
              command
                  + " is not supported: every subscription acknowledges automatically (ack:auto)");
      case BEGIN, COMMIT, ABORT ->
          throw new StompProtocolException(
              ErrorCodes.UNSUPPORTED_TRANSACTION,
              command
                  + " is not supported: this server has no STOMP transactions; send frames without 'transaction'");
      default ->
          throw new StompProtocolException(
              ErrorCodes.UNKNOWN_COMMAND, command + " is not a client command");
    }
  }

  private void connect(StompFrame frame) {
    String version = StompVersions.negotiate(frame.headers().get(HeaderNames.ACCEPT_VERSION));
    long serverSend = runtime.config().heartbeatSend().toMillis();
    long serverReceive = runtime.config().heartbeatReceive().toMillis();
    Heartbeat heartbeat =
        Heartbeat.negotiate(frame.headers().get(HeaderNames.HEART_BEAT), serverSend, serverReceive);
    ChatPrincipal user =
        ConnectAuthentication.authenticate(runtime.config().authenticator(), frame, handshake, id);
    handshake = HandshakeInfo.NONE;
    StompServerConfig config = runtime.config();
    errors = new ErrorQueue(config.destinations().errors(), runtime.frames(), this);
    subscriptions =
        new SessionSubscriptions(
            user,
            config.chatService(),
            runtime.access(),
            runtime.router(),
            runtime.frames(),
            runtime.shared(),
            errors,
            config.limits().maxSubscriptions(),
            runtime.scheduler(),
            this);
    commands =
        new SessionCommands(
            user,
            runtime.access(),
            runtime.router(),
            runtime.payloads(),
            config.limits().sendsPerSecond(),
            this);
    if (!state.compareAndSet(State.AWAITING_CONNECT, State.CONNECTED)) {
      return;
    }
    connectDeadline.close();
    goOnline(config, user);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(HeaderNames.VERSION, version);
    headers.put(HeaderNames.HEART_BEAT, Heartbeat.header(serverSend, serverReceive));
    headers.put(HeaderNames.SERVER, "chatstack");
    headers.put(HeaderNames.SESSION, id);
    headers.put(HeaderNames.USER_NAME, user.name());
    outbound.offer(runtime.frames().encode(Command.CONNECTED, headers, new byte[0]));
    startHeartbeats(heartbeat);
  }

  private void goOnline(StompServerConfig config, ChatPrincipal user) {
    try {
      online.set(config.chatService().presence().connected(user.name()));
    } catch (RuntimeException e) {
      LOG.warn("STOMP session {}: presence of {} not recorded", id, user.name(), e);
      return;
    }
    if (state.get() == State.CLOSED) {
      goOffline(); // closed meanwhile, perhaps after the clean-up ran
    }
  }

  private void goOffline() {
    Subscription presence = online.getAndSet(null);
    if (presence != null) {
      try {
        presence.close();
      } catch (RuntimeException e) {
        LOG.warn("STOMP session {}: presence not closed", id, e);
      }
    }
  }

  private void startHeartbeats(Heartbeat heartbeat) {
    heartbeats.start(
        heartbeat,
        outbound,
        () -> lastInboundNanos,
        () ->
            fail(
                ErrorCodes.HEART_BEAT_TIMEOUT,
                "Nothing received for more than twice the negotiated heart-beat interval of "
                    + heartbeat.expectEveryMillis()
                    + " ms; send heart-beats (EOL) more often",
                null));
  }

  private void disconnect(StompFrame frame) {
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

  @Override
  public void applicationError(ChatException e, String receiptId) {
    ErrorQueue errors = this.errors;
    if (errors == null || !errors.report(e, receiptId)) {
      fail(e.code(), e.getMessage(), receiptId);
    }
  }

  @Override
  public void deliver(String frame) {
    if (state.get() == State.CONNECTED) {
      outbound.offer(frame);
    }
  }

  /** Waits at most {@link #REPLAY_STALL_MILLIS} for room in the queue. */
  @Override
  public void deliverPaced(String frame) {
    if (state.get() == State.CONNECTED) {
      outbound.offerPaced(frame, REPLAY_STALL_MILLIS);
    }
  }

  @Override
  public void receiptPaced(String receiptId) {
    if (receiptId != null) {
      deliverPaced(runtime.frames().receipt(receiptId, Map.of()));
    }
  }

  @Override
  public void receipt(String receiptId, Map<String, String> extra) {
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

  @Override
  public boolean isOpen() {
    return state.get() != State.CLOSED;
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
    goOffline();
    SessionSubscriptions subscriptions = this.subscriptions;
    if (subscriptions != null) {
      subscriptions.closeAll();
    }
  }
}
