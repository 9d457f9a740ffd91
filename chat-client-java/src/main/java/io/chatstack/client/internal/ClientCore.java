package io.chatstack.client.internal;

import io.chatstack.client.ChatClient;
import io.chatstack.client.ChatClientException;
import io.chatstack.client.ConnectionListener;
import io.chatstack.client.RoomListener;
import io.chatstack.core.ChatMessage;
import io.chatstack.json.ChatJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's state: the current connection, subscriptions, unacknowledged sends and requests
 * waiting for an answer. Connection changes are in {@link Connector}, inbound frames in {@link
 * InboundFrames}.
 *
 * <p>Thread-safety: {@link #writeLock} orders every write that must not interleave with the replay
 * of subscriptions and sends after a reconnect; inbound frames never take it, so a blocked write
 * cannot stall reading. Maps are concurrent; listener calls go through {@link #emit}.
 */
public final class ClientCore {
  private static final Logger LOG = LoggerFactory.getLogger(ClientCore.class);

  /** Lifecycle of a client. */
  enum State {
    NEW,
    CONNECTING,
    CONNECTED,
    RECONNECTING,
    CLOSED
  }

  final ClientConfig config;
  final ChatClient client;
  final FrameCodec codec = new FrameCodec();
  final Object writeLock = new Object();
  final AtomicLong ids = new AtomicLong();
  final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  final ConcurrentSkipListMap<Long, PendingSend> sends = new ConcurrentSkipListMap<>();
  final Map<String, RoomSub> subs = new ConcurrentHashMap<>();
  final Map<String, CompletableFuture<StompFrame>> waiters = new ConcurrentHashMap<>();
  final ClientThreads threads;
  final Connector connector;
  final InboundFrames inbound;
  volatile Link current;
  volatile String userName = "";

  public ClientCore(ClientConfig config, ChatClient client) {
    this.config = config;
    this.client = client;
    this.threads = new ClientThreads(config.listenerExecutor(), config.requestTimeout());
    this.connector = new Connector(this);
    this.inbound = new InboundFrames(this);
  }

  /** Runs a listener call (or future completion) on the listener executor, in order. */
  void emit(Runnable call) {
    Executor executor = threads.listeners();
    Runnable safe =
        () -> {
          try {
            call.run();
          } catch (RuntimeException e) {
            LOG.warn("chatstack client listener failed", e);
          }
        };
    try {
      executor.execute(safe);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      safe.run();
    }
  }

  void emitConnection(Consumer<ConnectionListener> event) {
    emit(() -> event.accept(config.connectionListener()));
  }

  /** The name the server authenticated us as (empty before the first CONNECTED). */
  public String userName() {
    return userName;
  }

  /** Whether the client is connected right now. */
  public boolean isConnected() {
    return current != null && state.get() == State.CONNECTED;
  }

  /** Whether the client was closed (by the user or by a failure). */
  public boolean isClosed() {
    return state.get() == State.CLOSED;
  }

  public void connect() {
    connector.connectFirst();
  }

  public void close() {
    connector.closeGracefully();
  }

  /** Queues a send; it is (re)written until a RECEIPT or error answers it. */
  public CompletableFuture<ChatMessage> send(long roomId, String content, String clientMsgId) {
    if (state.get() == State.CLOSED) {
      return CompletableFuture.failedFuture(
          new ChatClientException("closed", "The client is closed; build a new one"));
    }
    if (state.get() == State.NEW) {
      return CompletableFuture.failedFuture(
          new ChatClientException("not-connected", "Call connect() before send()"));
    }
    long number = ids.incrementAndGet();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("destination", "/app/chat/send/" + roomId);
    headers.put("receipt", PendingSend.receiptId(number));
    headers.put("content-type", "application/json");
    Map<String, String> body = new LinkedHashMap<>();
    body.put("content", content);
    body.put("clientMsgId", clientMsgId);
    String text = codec.encode(new StompFrame("SEND", headers, ChatJson.toBytes(body)));
    PendingSend pending =
        new PendingSend(number, roomId, content, clientMsgId, text, new CompletableFuture<>());
    synchronized (writeLock) {
      sends.put(number, pending);
      if (state.get() == State.CLOSED && sends.remove(number) != null) {
        // closed concurrently, after the failure handling had collected the pending sends
        pending.future().completeExceptionally(notConnected());
        return pending.future();
      }
      Link link = current;
      if (link != null) {
        try {
          link.write(text);
        } catch (IOException e) {
          // The connection is going away: the send is replayed after the reconnect.
        }
      }
    }
    return pending.future();
  }

  /** Subscribes a room after {@code afterSeq}; blocks until the server confirmed it. */
  public RoomSub subscribe(long roomId, long afterSeq, RoomListener listener) {
    RoomSub sub = new RoomSub(this, "sub-" + ids.incrementAndGet(), roomId, afterSeq, listener);
    subs.put(sub.id, sub);
    synchronized (writeLock) {
      Link link = current;
      if (link == null) {
        subs.remove(sub.id);
        throw notConnected();
      }
      if (sub.link != link) {
        writeQuietly(link, subscribeFrame(sub));
        sub.link = link;
      }
    }
    try {
      Requests.await(sub.confirmed, config.requestTimeout(), "SUBSCRIBE to room " + roomId);
    } catch (ChatClientException e) {
      sub.deactivate();
      subs.remove(sub.id);
      throw e;
    }
    return sub;
  }

  void unsubscribe(RoomSub sub) {
    subs.remove(sub.id);
    synchronized (writeLock) {
      Link link = current;
      if (link != null && sub.link == link) {
        writeQuietly(link, StompFrame.of("UNSUBSCRIBE", Map.of("id", sub.id)));
      }
    }
  }

  StompFrame subscribeFrame(RoomSub sub) {
    return StompFrame.of(
        "SUBSCRIBE",
        Map.of(
            "id",
            sub.id,
            "destination",
            "/topic/chat/" + sub.roomId(),
            "since-seq",
            Long.toString(sub.lastSeq()),
            "receipt",
            "sub:" + sub.id));
  }

  /** Subscriptions in creation order, for re-subscribing. */
  List<RoomSub> subscriptionsInOrder() {
    List<RoomSub> list = new ArrayList<>(subs.values());
    list.sort(Comparator.comparingLong(s -> Long.parseLong(s.id.substring(4))));
    return list;
  }

  static void writeQuietly(Link link, StompFrame frame) {
    try {
      link.write(frame);
    } catch (IOException e) {
      // The connection is going away; the reconnect redoes what matters.
    }
  }

  ChatClientException notConnected() {
    return state.get() == State.CLOSED
        ? new ChatClientException("closed", "The client is closed; build a new one")
        : new ChatClientException(
            "not-connected",
            "Not connected to "
                + config.servers()
                + " (state "
                + state.get()
                + "); call connect() or wait for ConnectionListener.onConnected");
  }
}
