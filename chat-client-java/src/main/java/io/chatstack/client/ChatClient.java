package io.chatstack.client;

import io.chatstack.client.internal.ClientConfig;
import io.chatstack.client.internal.ClientCore;
import io.chatstack.client.internal.Queries;
import io.chatstack.client.internal.SignalSends;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.HistoryPage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.ModerationAction;
import io.chatstack.core.PresenceEvent;
import io.chatstack.core.ReadReceipt;
import io.chatstack.core.ReadState;
import io.chatstack.core.RoomRole;
import io.chatstack.core.RoomSummary;
import io.chatstack.core.RoomVisibility;
import io.chatstack.core.SendOptions;
import io.chatstack.core.TypingEvent;
import io.chatstack.stomp.ModerationBody;
import io.chatstack.stomp.StompDestinations;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A chat client for bots and services: STOMP over WebSocket to a chatstack server.
 *
 * <pre>{@code
 * ChatClient client = ChatClient.builder()
 *     .url(URI.create("ws://localhost:8080/ws"))
 *     .login("bot")                       // or .token(jwt)
 *     .build();
 * client.connect();
 * RoomSummary room = client.createRoom("general");
 * client.subscribe(room.id(), new RoomListener() {
 *   public void onMessage(ChatSubscription s, ChatMessage m) { ... }
 * });
 * client.send(room.id(), "hello").thenAccept(m -> System.out.println("stored as " + m.seq()));
 * ...
 * client.close();
 * }</pre>
 *
 * <h2>Presence, typing and read state</h2>
 *
 * {@link #subscribePresence}, {@link #subscribeTyping}, {@link #subscribeReceipts} and {@link
 * #subscribeReadState} follow a room's signals (and the user's own read state) with a {@link
 * SignalListener}; {@link #typing} and {@link #markRead} send them. Like room subscriptions they
 * are made again after every reconnect, and a room's end with {@link SignalListener#onRevoked} when
 * the user leaves it. Being connected makes the user online for the participants of their rooms.
 *
 * <h2>Lifecycle</h2>
 *
 * Build, {@link #connect()} once (blocks until CONNECTED or throws), use, {@link #close()}. When
 * the connection is lost, the client reconnects by its {@link ReconnectPolicy} (backoff with
 * jitter), re-subscribes every room after the last {@code seq} its listener saw, and re-sends every
 * unacknowledged message with the same {@code clientMsgId}: listeners see each message exactly once
 * and in order, and no send is stored twice. A malformed frame or an ERROR from the server, a
 * refused reconnect, or an exhausted policy closes the client with a {@link ChatClientException}
 * reported to {@link ConnectionListener#onFailure}, to every pending future and to every {@link
 * RoomListener#onError}. A closed client stays closed; build a new one.
 *
 * <h2>Threading</h2>
 *
 * All methods are thread-safe. {@link RoomListener}, {@link SignalListener} and {@link
 * ConnectionListener} callbacks and the completion of {@link #send} and {@link #markRead} futures
 * run on the listener executor (default: one dedicated daemon thread per client), so they are
 * serialized and in order; do not block there on such a future. Blocking methods ({@link #rooms()},
 * {@link #history}, {@link #createRoom}, {@link #join}, {@link #leave}, {@link #subscribe}) wait at
 * most the request timeout and may be called from listener callbacks; they need a live connection
 * (during a reconnect they fail with {@code not-connected}) and are not retried. Methods documented
 * as "never blocks" do not wait for the server's answer; they write their frame to the socket on
 * the calling thread, which waits while the socket's send buffer is full (a very slow or half-open
 * connection) until the write goes through or the connection fails. The client also owns one daemon
 * io thread for reconnects and heart-beats, and Tyrus' threads that read the socket.
 */
public final class ChatClient implements AutoCloseable {
  /** A {@code typing: true} goes to the server at most this often per room, in seconds. */
  public static final long TYPING_INTERVAL_SECONDS = 3;

  private final ClientCore core;
  private final Queries queries;
  private final SignalSends signals;

  private ChatClient(ClientConfig config) {
    this.core = new ClientCore(config, this);
    this.queries = core.queries();
    this.signals = core.signals();
  }

  /** A builder; {@link Builder#url} and {@link Builder#login} or {@link Builder#token} needed. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Opens the connection and waits for CONNECTED.
   *
   * @throws ChatClientException ({@code connect-failed}, {@code server-error} e.g. bad credentials,
   *     {@code timeout}); the client is then closed
   * @throws IllegalStateException when called twice
   */
  public ChatClient connect() {
    core.connect();
    return this;
  }

  /**
   * The rooms this user may see, ordered by id: public rooms and their own private and direct rooms
   * (summaries with {@code participantCount}, without member lists).
   */
  public List<RoomSummary> rooms() {
    return queries.rooms();
  }

  /** Creates a public room; the caller becomes its first participant. */
  public RoomSummary createRoom(String name) {
    return createRoom(name, RoomVisibility.PUBLIC);
  }

  /**
   * Creates a {@link RoomVisibility#PUBLIC} or {@link RoomVisibility#PRIVATE} room; the caller
   * becomes its first participant. Others enter a private room only when a participant invites them
   * (REST {@code POST /api/rooms/{id}/participants}).
   */
  public RoomSummary createRoom(String name, RoomVisibility visibility) {
    return queries.createRoom(
        Objects.requireNonNull(name, "name"), Objects.requireNonNull(visibility, "visibility"));
  }

  /**
   * Adds {@code username} to a private room the caller participates in (an invitation; refused with
   * {@code forbidden} in public and direct rooms). Blocks until the server confirmed.
   */
  public void invite(long roomId, String username) {
    queries.invite(roomId, Objects.requireNonNull(username, "username"));
  }

  /**
   * Removes {@code username} from a room the caller created (refused with {@code forbidden}
   * otherwise). Their live subscriptions to the room end. Blocks until the server confirmed.
   */
  public void remove(long roomId, String username) {
    queries.remove(roomId, Objects.requireNonNull(username, "username"));
  }

  /**
   * The direct room of the caller and {@code username}, created when it does not exist yet: the
   * same room whoever asks. Blocks until the server answered.
   */
  public RoomSummary directRoom(String username) {
    return queries.directRoom(Objects.requireNonNull(username, "username"));
  }

  /**
   * Kicks, bans, unbans, mutes or unmutes {@code username} in the room (the owner and moderators;
   * moderators act on members only, nobody on the owner). Each change is a SYSTEM message in the
   * room; a kick or ban ends the target's subscriptions. Blocks until the server confirmed; fails
   * with the server's code ({@code forbidden}, {@code invalid-until}, ...).
   *
   * @param until when a ban or mute ends by itself (empty: until lifted); ignored otherwise
   * @param reason why ("" for none), at most 500 characters
   */
  public void moderate(
      long roomId,
      ModerationAction action,
      String username,
      Optional<Instant> until,
      String reason) {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(until, "until");
    queries.moderate(
        roomId,
        new ModerationBody(
            action.wireName(),
            username,
            until.map(Instant::toString).orElse(null),
            reason == null || reason.isEmpty() ? null : reason,
            null,
            null));
  }

  /**
   * Makes a participant a {@link RoomRole#MODERATOR} or a {@link RoomRole#MEMBER} (the owner only).
   * Blocks until the server confirmed.
   */
  public void setRole(long roomId, String username, RoomRole role) {
    Objects.requireNonNull(username, "username");
    queries.moderate(
        roomId,
        new ModerationBody(
            "role", username, null, null, Objects.requireNonNull(role, "role").name(), null));
  }

  /** Renames the room (the owner and moderators). Blocks until the server confirmed. */
  public void renameRoom(long roomId, String name) {
    queries.moderate(
        roomId,
        new ModerationBody("rename", null, null, null, null, Objects.requireNonNull(name, "name")));
  }

  /**
   * Deletes the room (the owner only): every subscription to it ends and it leaves every room list.
   * Blocks until the server confirmed.
   */
  public void deleteRoom(long roomId) {
    queries.moderate(roomId, new ModerationBody("delete", null, null, null, null, null));
  }

  /** Joins a room (idempotent). */
  public void join(long roomId) {
    queries.join(roomId);
  }

  /** Leaves a room (idempotent). */
  public void leave(long roomId) {
    queries.leave(roomId);
  }

  /** One page of the room's history (participants only), messages ascending by seq. */
  public HistoryPage history(long roomId, HistoryQuery query) {
    return queries.history(roomId, Objects.requireNonNull(query, "query"));
  }

  /** Sends with a new random {@code clientMsgId}; see {@link #send(long, String, String)}. */
  public CompletableFuture<ChatMessage> send(long roomId, String content) {
    return send(roomId, content, UUID.randomUUID().toString());
  }

  /**
   * Sends a chat message. Never blocks. The future completes with the stored message (its {@code
   * id}, {@code seq} and server {@code timestamp}) once the server's RECEIPT says it is durable;
   * unacknowledged sends are re-sent after a reconnect with the same {@code clientMsgId}, and a
   * re-sent message the server had already stored completes with the original. Fails with the
   * server's error (e.g. {@code not-participant}, {@code rate-limited}) or with {@code closed}.
   * Sends from one thread are stored in the order they were made. Sends made while reconnecting
   * wait in memory and go out right after the reconnect, back to back with the unacknowledged ones
   * re-sent. The server limits sends per connection and second (chatstack's default: 20, which is
   * also the burst it allows); a send beyond it fails with {@code rate-limited} and is not retried,
   * and later sends may still be stored. This includes sends re-sent or waiting at a reconnect:
   * when more than the limit are waiting, those beyond it may fail with {@code rate-limited}. To
   * avoid that, keep fewer sends unanswered than the server's limit (e.g. wait for their futures).
   */
  public CompletableFuture<ChatMessage> send(long roomId, String content, String clientMsgId) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(clientMsgId, "clientMsgId");
    return core.send(roomId, content, clientMsgId);
  }

  /**
   * Sends a chat message that replies to another message of the room and/or carries metadata (a
   * JSON object up to 4 KiB); otherwise as {@link #send(long, String, String)}. Fails with {@code
   * invalid-reply-to} or {@code invalid-metadata} when the server refuses them.
   */
  public CompletableFuture<ChatMessage> send(long roomId, String content, SendOptions options) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(options, "options");
    return core.send(roomId, content, UUID.randomUUID().toString(), options);
  }

  /** Sends {@code content} as a reply to the message {@code replyTo} of the same room. */
  public CompletableFuture<ChatMessage> reply(long roomId, String replyTo, String content) {
    return send(roomId, content, SendOptions.NONE.withReplyTo(replyTo));
  }

  /**
   * Edits one of the user's messages with a new random clientMsgId; see {@link #edit(long, String,
   * String, String)}.
   */
  public CompletableFuture<ChatMessage> edit(long roomId, String messageId, String content) {
    return edit(roomId, messageId, content, UUID.randomUUID().toString());
  }

  /**
   * Replaces the content of one of the user's messages. Never blocks. The future completes with the
   * EDIT record (its own id and seq; {@code targetId} is {@code messageId}) once the server's
   * RECEIPT says it is durable; like a send it is re-sent after a reconnect with the same {@code
   * clientMsgId}, which the server applies once. Fails with the server's code: {@code
   * not-message-sender}, {@code edit-window-expired}, {@code message-deleted}, {@code
   * not-editable}, {@code message-not-found}, {@code not-participant}.
   */
  public CompletableFuture<ChatMessage> edit(
      long roomId, String messageId, String content, String clientMsgId) {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(clientMsgId, "clientMsgId");
    return core.edit(roomId, messageId, content, clientMsgId);
  }

  /**
   * Deletes a message (it becomes a tombstone): the user's own, or as the room's owner anyone's and
   * as a moderator members'. Never blocks; completes with the DELETE record. Like a send it is
   * re-sent after a reconnect until acknowledged; if the first attempt had been applied, the
   * re-sent one fails with {@code message-deleted} (the message is deleted either way).
   */
  public CompletableFuture<ChatMessage> delete(long roomId, String messageId) {
    Objects.requireNonNull(messageId, "messageId");
    return core.delete(roomId, messageId);
  }

  /**
   * Adds ({@code add}) or removes the user's reaction {@code emoji} (one emoji) on a message of the
   * room. Never blocks; completes with the REACTION record. Idempotent: adding twice counts once.
   * Fails with {@code invalid-emoji}, {@code message-deleted}, {@code message-not-found}.
   */
  public CompletableFuture<ChatMessage> react(
      long roomId, String messageId, String emoji, boolean add) {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(emoji, "emoji");
    return core.react(roomId, messageId, emoji, add);
  }

  /**
   * Subscribes to the room's messages from now on; blocks until the server confirmed. Must be a
   * participant.
   */
  public ChatSubscription subscribe(long roomId, RoomListener listener) {
    Objects.requireNonNull(listener, "listener");
    List<ChatMessage> latest = history(roomId, HistoryQuery.latest(1)).messages();
    long after = latest.isEmpty() ? -1 : latest.get(latest.size() - 1).seq();
    return core.subscribe(roomId, after, listener);
  }

  /**
   * Subscribes to every message with {@code seq > afterSeq} (-1: the whole history), then live
   * ones; blocks until the server confirmed (after the replay).
   */
  public ChatSubscription subscribe(long roomId, long afterSeq, RoomListener listener) {
    if (afterSeq < -1) {
      throw new IllegalArgumentException("afterSeq must be >= -1, was " + afterSeq);
    }
    return core.subscribe(roomId, afterSeq, Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Follows who is online in a room (participants only); blocks until the server confirmed. The
   * first event is a {@link PresenceEvent.Type#SNAPSHOT} of the online participants, then {@code
   * ONLINE} and {@code OFFLINE} as they come and go. After a reconnect the subscription is made
   * again and starts with a new snapshot, which replaces what the listener knew (changes during the
   * outage are not replayed). Ends with {@link SignalListener#onRevoked} when the user leaves the
   * room.
   *
   * @throws ChatClientException e.g. {@code not-participant}, {@code room-not-found}, {@code
   *     not-connected}
   */
  public ChatSubscription subscribePresence(long roomId, SignalListener<PresenceEvent> listener) {
    return core.subscribePresence(roomId, Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Follows who is typing in a room (participants only), the user's own typing included; blocks
   * until the server confirmed. The server sends {@code typing: false} by itself a few seconds
   * after the last {@code true}, when the typist's message arrives, or when they go offline. Made
   * again after a reconnect. Ends with {@link SignalListener#onRevoked} when the user leaves the
   * room.
   */
  public ChatSubscription subscribeTyping(long roomId, SignalListener<TypingEvent> listener) {
    return core.subscribeTyping(roomId, Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Follows the read receipts of a room (participants only): who has read up to which {@code seq},
   * at most one per user and second (the latest wins); none when the server disabled receipts.
   * Blocks until the server confirmed. Made again after a reconnect. Ends with {@link
   * SignalListener#onRevoked} when the user leaves the room.
   */
  public ChatSubscription subscribeReceipts(long roomId, SignalListener<ReadReceipt> listener) {
    return core.subscribeReceipts(roomId, Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Follows the user's own read state in all their rooms: an event whenever it changes from any
   * device, and whenever a chat message from someone else raises an unread count. Blocks until the
   * server confirmed; made again after a reconnect (changes during the outage are not replayed:
   * {@link #rooms()} tells the current state). Its {@link ChatSubscription#roomId()} is -1.
   */
  public ChatSubscription subscribeReadState(SignalListener<ReadState> listener) {
    return core.subscribeReadState(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Says that the user is typing in a room ({@code true}, call it as often as you like, e.g. at
   * every keystroke) or stopped ({@code false}). Never blocks and never fails: a {@code true} goes
   * to the server at most once every {@value #TYPING_INTERVAL_SECONDS} seconds per room, a {@code
   * false} only after a {@code true} went; while disconnected nothing is sent (typing is not worth
   * replaying). The server refuses non-participants (reported on the error queue, logged).
   */
  public void typing(long roomId, boolean typing) {
    signals.typing(roomId, typing);
  }

  /**
   * Marks a room read up to {@code seq} (usually the seq of the newest message the user has seen;
   * -1: nothing). The read position never moves back, and never past the room's newest message.
   * Never blocks: the future completes on the listener executor with the user's state in the room
   * after the mark, once the server answered; it fails with the server's error (e.g. {@code
   * not-participant}), with {@code not-connected} or {@code connection-lost} (read marks are not
   * retried after a reconnect), or with {@code timeout}.
   *
   * @throws IllegalArgumentException when {@code seq} is below -1
   */
  public CompletableFuture<ReadState> markRead(long roomId, long seq) {
    if (seq < ReadState.NOTHING_READ) {
      throw new IllegalArgumentException("seq must be >= -1, was " + seq);
    }
    return signals.markRead(roomId, seq);
  }

  /** The user name the server authenticated (empty before the first connect). */
  public String userName() {
    return core.userName();
  }

  /** Whether connected right now (false while reconnecting and after close). */
  public boolean isConnected() {
    return core.isConnected();
  }

  /** Whether closed, by {@link #close()} or a failure. */
  public boolean isClosed() {
    return core.isClosed();
  }

  /**
   * Disconnects gracefully (DISCONNECT, waiting briefly for its RECEIPT) and stops the client's
   * threads; pending sends fail with {@code closed} (they may or may not have been stored).
   * Listeners get {@link ConnectionListener#onClosed} and nothing after. Idempotent.
   */
  @Override
  public void close() {
    core.close();
  }

  /** Configures a {@link ChatClient}. Not thread-safe. */
  public static final class Builder {
    private List<URI> urls = List.of();
    private String login;
    private String token;
    private Duration heartbeat = Duration.ofSeconds(10);
    private ReconnectPolicy reconnect = ReconnectPolicy.DEFAULT;
    private Executor listenerExecutor;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private ConnectionListener connectionListener = new ConnectionListener() {};
    private StompDestinations destinations = StompDestinations.DEFAULTS;

    private Builder() {}

    /**
     * The server's WebSocket URL, e.g. {@code ws://localhost:8080/ws}. Required (this or {@link
     * #urls}); replaces earlier URLs.
     */
    public Builder url(URI value) {
      return urls(List.of(Objects.requireNonNull(value, "url")));
    }

    /**
     * Several servers of one chat cluster (nodes sharing Kafka and the stores), for failover.
     * {@link ChatClient#connect()} tries them in order until one answers. After a lost connection,
     * the first reconnect attempt goes back to the server last connected to and each later attempt
     * to the next one in the list, round robin, with the {@link #reconnect} policy's backoff
     * between attempts. Subscriptions resume after the last {@code seq} seen, which means the same
     * on every node of the cluster. Replaces earlier URLs.
     */
    public Builder urls(List<URI> values) {
      List<URI> copy = List.copyOf(Objects.requireNonNull(values, "urls"));
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("urls must not be empty");
      }
      for (URI value : copy) {
        String scheme = value.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
          throw new IllegalArgumentException("url must be ws:// or wss://, was " + value);
        }
      }
      this.urls = copy;
      return this;
    }

    /** {@link #url(URI)} from a string. */
    public Builder url(String value) {
      return url(URI.create(value));
    }

    /** User name for a server in dev mode (CONNECT header {@code login}). */
    public Builder login(String value) {
      this.login = Objects.requireNonNull(value, "login");
      return this;
    }

    /** A JWT, sent as {@code Authorization: Bearer} in CONNECT. */
    public Builder token(String value) {
      this.token = Objects.requireNonNull(value, "token");
      return this;
    }

    /** Heart-beat interval offered both ways; zero disables. Default 10 s. */
    public Builder heartbeat(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("heartbeat must not be negative");
      }
      this.heartbeat = value;
      return this;
    }

    /** When to reconnect; default {@link ReconnectPolicy#DEFAULT}, {@link ReconnectPolicy#NONE}. */
    public Builder reconnect(ReconnectPolicy value) {
      this.reconnect = Objects.requireNonNull(value, "reconnect");
      return this;
    }

    /**
     * Where listener callbacks and send-future completions run. Default: one dedicated daemon
     * thread per client. A multi-threaded executor loses the ordering guarantees.
     */
    public Builder listenerExecutor(Executor value) {
      this.listenerExecutor = Objects.requireNonNull(value, "listenerExecutor");
      return this;
    }

    /** Longest wait for CONNECTED and for answers to blocking requests. Default 30 s. */
    public Builder requestTimeout(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("requestTimeout must be positive");
      }
      this.requestTimeout = value;
      return this;
    }

    /** Receives connection events. */
    public Builder connectionListener(ConnectionListener value) {
      this.connectionListener = Objects.requireNonNull(value, "connectionListener");
      return this;
    }

    /**
     * The server's destinations: give the same table the server was configured with when it uses
     * other prefixes than {@code /app}, {@code /topic} and {@code /user}. Default {@link
     * StompDestinations#DEFAULTS}.
     */
    public Builder destinations(StompDestinations value) {
      this.destinations = Objects.requireNonNull(value, "destinations");
      return this;
    }

    /** The client, not yet connected. */
    public ChatClient build() {
      if (urls.isEmpty()) {
        throw new IllegalStateException("url is required, e.g. ws://localhost:8080/ws");
      }
      if (login == null && token == null) {
        throw new IllegalStateException("login (dev mode) or token (JWT) is required");
      }
      return new ChatClient(
          new ClientConfig(
              urls,
              Optional.ofNullable(login),
              Optional.ofNullable(token),
              heartbeat,
              reconnect,
              Optional.ofNullable(listenerExecutor),
              requestTimeout,
              connectionListener,
              destinations));
    }
  }
}
