package io.chatstack.client.internal;

import io.chatstack.client.ChatClient;
import io.chatstack.client.ChatClientException;
import io.chatstack.client.ChatSubscription;
import io.chatstack.client.RoomListener;
import io.chatstack.client.SignalListener;
import io.chatstack.client.internal.ConnectionState.Phase;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageType;
import io.chatstack.core.PresenceEvent;
import io.chatstack.core.ReadReceipt;
import io.chatstack.core.ReadState;
import io.chatstack.core.SendOptions;
import io.chatstack.core.TypingEvent;
import io.chatstack.json.ChatJson;
import io.chatstack.stomp.Command;
import io.chatstack.stomp.DeleteBody;
import io.chatstack.stomp.EditBody;
import io.chatstack.stomp.FrameWriter;
import io.chatstack.stomp.HeaderNames;
import io.chatstack.stomp.ReactBody;
import io.chatstack.stomp.SendBody;
import io.chatstack.stomp.StompDestinations;
import io.chatstack.stomp.StompFrame;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The client's wiring and its sends and subscriptions: builds the collaborators, each given only
 * what it uses (the connection state, the waiting sends, subscriptions and requests, the listener
 * executor). Connection changes are in {@link Connector}, inbound frames in {@link InboundFrames},
 * blocking requests in {@link Queries}.
 *
 * <p>Thread-safety: the connection's write lock orders every write that must not interleave with
 * the replay of subscriptions and sends after a reconnect. Thread-safe.
 */
public final class ClientCore {
  private final FrameWriter writer = new FrameWriter();
  private final AtomicLong ids = new AtomicLong();
  private final PendingSends sends = new PendingSends();
  private final Subscriptions subs = new Subscriptions();
  private final Waiters waiters = new Waiters();
  private final Duration requestTimeout;
  private final StompDestinations destinations;
  private final ConnectionState connection;
  private final ListenerCalls calls;
  private final Connector connector;
  private final Queries queries;
  private final SignalSends signalSends;

  public ClientCore(ClientConfig config, ChatClient client) {
    ClientThreads threads = new ClientThreads(config.listenerExecutor(), config.requestTimeout());
    this.requestTimeout = config.requestTimeout();
    this.destinations = config.destinations();
    Handshake handshake = new Handshake();
    this.connection = new ConnectionState(config.servers());
    this.calls = new ListenerCalls(threads.listeners());
    InboundFrames inbound =
        new InboundFrames(handshake, sends, subs, waiters, calls, connection::userName);
    this.connector =
        new Connector(
            config,
            threads,
            connection,
            handshake,
            (uri, listener) -> Link.open(threads.container(), uri, writer, listener),
            inbound,
            this::replay,
            waiters,
            new Unanswered(waiters, sends, subs, calls),
            new ConnectionEvents(config.connectionListener(), client, calls));
    this.queries =
        new Queries(
            new Requests(waiters, connection, config.requestTimeout()),
            destinations,
            ids::incrementAndGet);
    this.signalSends =
        new SignalSends(
            connection,
            waiters,
            calls,
            destinations,
            config.requestTimeout(),
            ids::incrementAndGet,
            new TypingGate(
                Duration.ofSeconds(ChatClient.TYPING_INTERVAL_SECONDS), System::nanoTime));
  }

  /** Blocking requests (rooms, history, room commands) of this client. */
  public Queries queries() {
    return queries;
  }

  /** The name the server authenticated us as (empty before the first CONNECTED). */
  public String userName() {
    return connection.userName();
  }

  /** Whether the client is connected right now. */
  public boolean isConnected() {
    return connection.isConnected();
  }

  /** Whether the client was closed (by the user or by a failure). */
  public boolean isClosed() {
    return connection.isClosed();
  }

  public void connect() {
    connector.connectFirst();
  }

  public void close() {
    connector.closeGracefully();
  }

  /** Queues a chat message; it is (re)written until a RECEIPT or error answers it. */
  public CompletableFuture<ChatMessage> send(long roomId, String content, String clientMsgId) {
    return send(roomId, content, clientMsgId, SendOptions.NONE);
  }

  /**
   * Queues a chat message with a reply and/or metadata; see {@link #send(long, String, String)}.
   */
  public CompletableFuture<ChatMessage> send(
      long roomId, String content, String clientMsgId, SendOptions options) {
    ChatMessage draft =
        draft(
            roomId,
            MessageType.CHAT,
            content,
            clientMsgId,
            "",
            options.replyTo().orElse(""),
            options.metadata());
    SendBody body =
        SendBody.chat(
            content,
            clientMsgId,
            options.replyTo().orElse(null),
            options.metadata().isEmpty() ? null : options.metadata());
    return queue(draft, destinations.send(roomId), body);
  }

  /** Queues an edit of one of the user's messages. */
  public CompletableFuture<ChatMessage> edit(
      long roomId, String messageId, String content, String clientMsgId) {
    return queue(
        draft(roomId, MessageType.EDIT, content, clientMsgId, messageId, "", Map.of()),
        destinations.edit(roomId),
        new EditBody(messageId, content, clientMsgId));
  }

  /** Queues a delete of a message (the user's own; as owner or moderator also others'). */
  public CompletableFuture<ChatMessage> delete(long roomId, String messageId) {
    return queue(
        draft(
            roomId, MessageType.DELETE, "", UUID.randomUUID().toString(), messageId, "", Map.of()),
        destinations.delete(roomId),
        new DeleteBody(messageId));
  }

  /** Queues adding or removing a reaction. */
  public CompletableFuture<ChatMessage> react(
      long roomId, String messageId, String emoji, boolean add) {
    return queue(
        draft(
            roomId,
            MessageType.REACTION,
            emoji,
            UUID.randomUUID().toString(),
            messageId,
            "",
            Map.of(ChatMessage.REACTION_ADD, add)),
        destinations.react(roomId),
        new ReactBody(messageId, emoji, add));
  }

  private static ChatMessage draft(
      long roomId,
      MessageType type,
      String content,
      String clientMsgId,
      String targetId,
      String replyTo,
      Map<String, Object> metadata) {
    return new ChatMessage(
        clientMsgId,
        roomId,
        ChatMessage.UNASSIGNED_SEQ,
        "",
        content,
        type,
        Instant.EPOCH,
        clientMsgId,
        targetId,
        replyTo,
        metadata,
        Optional.empty(),
        false,
        Map.of(),
        0L);
  }

  private CompletableFuture<ChatMessage> queue(ChatMessage draft, String destination, Object body) {
    long roomId = draft.roomId();
    if (connection.phase() == Phase.CLOSED) {
      return CompletableFuture.failedFuture(connection.closedError());
    }
    if (connection.phase() == Phase.NEW) {
      return CompletableFuture.failedFuture(
          new ChatClientException("not-connected", "Call connect() before send()"));
    }
    long number = ids.incrementAndGet();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(HeaderNames.DESTINATION, destination);
    headers.put(HeaderNames.RECEIPT, PendingSend.receiptId(number));
    headers.put(HeaderNames.CONTENT_TYPE, "application/json");
    String text = writer.encode(Command.SEND, headers, ChatJson.toBytes(body));
    PendingSend pending = new PendingSend(number, draft, text, new CompletableFuture<>());
    synchronized (connection.writeLock()) {
      sends.add(pending);
      if (connection.isClosed() && sends.remove(number) != null) {
        // closed concurrently, after the failure handling had collected the pending sends
        pending.future().completeExceptionally(connection.notConnected());
        return pending.future();
      }
      Link link = connection.current();
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
  public ChatSubscription subscribe(long roomId, long afterSeq, RoomListener listener) {
    return register(new RoomSub(calls, this::unsubscribe, nextSubId(), roomId, afterSeq, listener));
  }

  /** Subscribes to a room's presence; blocks until the server confirmed it. */
  public ChatSubscription subscribePresence(long roomId, SignalListener<PresenceEvent> listener) {
    return signal(
        roomId,
        "presence of room " + roomId,
        d -> d.presence(roomId),
        body -> SignalBodies.presence(body, roomId),
        listener);
  }

  /** Subscribes to who is typing in a room; blocks until the server confirmed it. */
  public ChatSubscription subscribeTyping(long roomId, SignalListener<TypingEvent> listener) {
    return signal(
        roomId,
        "typing in room " + roomId,
        d -> d.typing(roomId),
        body -> SignalBodies.typing(body, roomId),
        listener);
  }

  /** Subscribes to a room's read receipts; blocks until the server confirmed it. */
  public ChatSubscription subscribeReceipts(long roomId, SignalListener<ReadReceipt> listener) {
    return signal(
        roomId,
        "read receipts of room " + roomId,
        d -> d.reads(roomId),
        body -> SignalBodies.receipt(body, roomId),
        listener);
  }

  /** Subscribes to the user's read state; blocks until the server confirmed it. */
  public ChatSubscription subscribeReadState(SignalListener<ReadState> listener) {
    return signal(
        -1,
        "read state",
        StompDestinations::readState,
        body -> SignalBodies.readState(body, connection.userName()),
        listener);
  }

  private <T> ChatSubscription signal(
      long roomId,
      String name,
      Function<StompDestinations, String> destination,
      Function<byte[], T> reader,
      SignalListener<T> listener) {
    return register(
        new SignalSub<>(
            calls, this::unsubscribe, nextSubId(), roomId, name, destination, reader, listener));
  }

  /** Typing and read marks of this client. */
  public SignalSends signals() {
    return signalSends;
  }

  private String nextSubId() {
    return "sub-" + ids.incrementAndGet();
  }

  /**
   * Registers a subscription, writes its SUBSCRIBE and waits for its RECEIPT; every subscription,
   * of a room or a signal, goes this way and is written again after a reconnect ({@link #replay}).
   */
  private <S extends Sub> S register(S sub) {
    subs.add(sub);
    synchronized (connection.writeLock()) {
      Link link = connection.current();
      if (link == null) {
        subs.remove(sub.id);
        throw connection.notConnected();
      }
      if (sub.link != link) {
        writeQuietly(link, subscribeFrame(sub));
        sub.link = link;
      }
    }
    try {
      Requests.await(sub.confirmed, requestTimeout, sub.what());
    } catch (ChatClientException e) {
      sub.deactivate();
      if (!sub.confirmed.isDone()) {
        // Gave up waiting (timeout, interrupt): the server may have made the subscription, or
        // make it still. It stays registered, inactive, until the server answers: its RECEIPT
        // unsubscribes it (InboundFrames), a refusal or a reconnect drops it. No UNSUBSCRIBE
        // before that: for a subscription the server does not have, it is a fatal error.
        throw e;
      }
      if (sub.confirmed.isCompletedExceptionally()) {
        subs.remove(sub.id); // refused, or the client failed or closed
      } else {
        unsubscribe(sub); // the RECEIPT came just after the timeout
      }
      throw e;
    }
    return sub;
  }

  /** Writes the UNSUBSCRIBE of a registered subscription, at most once. */
  private void unsubscribe(Sub sub) {
    if (subs.remove(sub.id) == null) {
      return; // unsubscribed, refused or failed already: the server does not have it
    }
    synchronized (connection.writeLock()) {
      Link link = connection.current();
      if (link != null && sub.link == link) {
        writeQuietly(link, StompFrame.of(Command.UNSUBSCRIBE, Map.of(HeaderNames.ID, sub.id)));
      }
    }
  }

  /**
   * Re-subscribes every room and signal and re-sends every unanswered send on a new link, in order.
   */
  private void replay(Link link) throws IOException {
    for (Sub sub : subs.inOrder()) {
      if (!sub.isActive()) {
        subs.remove(sub.id); // its SUBSCRIBE timed out: not made again
        continue;
      }
      link.write(subscribeFrame(sub));
      sub.link = link;
    }
    for (PendingSend send : sends.inOrder()) {
      link.write(send.frameText());
    }
  }

  private StompFrame subscribeFrame(Sub sub) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(HeaderNames.ID, sub.id);
    headers.put(HeaderNames.DESTINATION, sub.destination(destinations));
    sub.addHeaders(headers);
    headers.put(HeaderNames.RECEIPT, "sub:" + sub.id);
    return StompFrame.of(Command.SUBSCRIBE, headers);
  }

  private static void writeQuietly(Link link, StompFrame frame) {
    try {
      link.write(frame);
    } catch (IOException e) {
      // The connection is going away; the reconnect redoes what matters.
    }
  }
}
