package io.chatstack.core;

import io.chatstack.core.internal.CatchUpListener;
import io.chatstack.core.internal.InMemoryDefaults;
import io.chatstack.core.internal.InterceptorChain;
import io.chatstack.core.internal.MessageChanges;
import io.chatstack.core.internal.PresenceService;
import io.chatstack.core.internal.ReadStateService;
import io.chatstack.core.internal.RoomCache;
import io.chatstack.core.internal.RoomModeration;
import io.chatstack.core.internal.RoomTails;
import io.chatstack.core.internal.SignalContext;
import io.chatstack.core.internal.TypingService;
import io.chatstack.core.internal.Validator;
import io.chatstack.memory.InMemoryReadStateRepository;
import io.chatstack.memory.InMemorySignalBus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facade every transport calls: rooms, membership, sending, history and live subscriptions.
 *
 * <p>Build one per process with {@link #builder()}; with nothing configured it runs fully in
 * memory. Thread-safe: all methods may be called concurrently. Inputs are validated first; invalid
 * input throws an {@link InvalidInputException} subclass and changes nothing. The {@code sender} /
 * {@code username} arguments must be the authenticated principal, never a value taken from a
 * payload.
 *
 * <p>Messages live in the {@link MessageStore} that the {@link MessageBus} was constructed with:
 * the bus owns the store, and the service reads history through the bus, so there is one place to
 * configure it. Each service keeps a bounded tail of the newest records of the rooms it reads
 * ({@link Builder#historyTail}), fed by the bus's live stream, so that opening a room and replaying
 * a reconnect's missed messages usually cost no store query.
 *
 * <p>Presence, typing and read state ({@link #presence()}, {@link #typing()}, {@link
 * #readStates()}) travel between nodes on the {@link SignalBus} and keep read positions in the
 * {@link ReadStateRepository}; with neither configured they work within one process.
 *
 * <p>Lifecycle: usable once built; {@link #close()} closes the message bus and the signal bus (not
 * the repositories or the bus's store, which the caller may share).
 */
public final class ChatService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChatService.class);
  private static final int REPLAY_PAGE = 500;
  private static final int ROOM_CACHE_CAPACITY = 10_000;
  private static final int HOOK_QUEUE = 10_000;
  private static final int ROOM_REFRESH_QUEUE = 1_000;

  /** Most names one {@link #participants} page returns. */
  public static final int MAX_PARTICIPANT_PAGE = 1000;

  private final RoomRepository rooms;
  private final MessageBus bus;
  private final Clock clock;
  private final Duration sendTimeout;
  private final Validator validate;
  private final RoomCache roomCache;
  private final ExecutorService roomRefresher;
  private final Subscription roomEvents;
  private final SignalBus signals;
  private final ScheduledExecutorService signalTimers;
  private final PresenceService presence;
  private final TypingService typing;
  private final ReadStateService readStates;
  private final MessageChanges messages;
  private final ExecutorService hookExecutor;
  private final InterceptorChain interceptors;
  private final RoomModeration moderation;
  private final RoomTails tails;
  private final String nodeId = UUID.randomUUID().toString();
  private final Subscription erasures;

  private ChatService(Builder b) {
    this.rooms = b.rooms != null ? b.rooms : InMemoryDefaults.roomRepository();
    this.bus = b.bus != null ? b.bus : InMemoryDefaults.messageBus();
    this.clock = b.clock;
    this.sendTimeout = b.sendTimeout;
    this.validate = new Validator(b.limits);
    // One thread reloads rooms in steady use before their cache entry expires.
    this.roomRefresher = daemonPool("chatstack-room-refresh", 1, ROOM_REFRESH_QUEUE);
    this.roomCache = new RoomCache(ROOM_CACHE_CAPACITY, b.roomCacheTtl, roomRefresher);
    this.tails =
        new RoomTails(
            bus, b.tailRecords, b.tailBytes, b.tailMaxAge, b.sendTimeout, System::nanoTime);
    // Changes made on any node reach every node as room events: forget the room's snapshot.
    this.roomEvents =
        bus.subscribeRoomEvents(
            event -> {
              roomCache.invalidate(event.room().id());
              if (event.kind() == RoomEvent.Kind.DELETED) {
                tails.forget(event.room().id());
              }
            });
    this.signals = b.signals != null ? b.signals : new InMemorySignalBus();
    // Another node's erasure: this node's tails still hold what it erased.
    this.erasures =
        signals.subscribe(
            signal -> {
              if (signal.kind() == Signal.Kind.ERASED && !signal.node().equals(nodeId)) {
                tails.clear();
              }
            });
    this.signalTimers =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "chatstack-signal-timers");
              t.setDaemon(true);
              return t;
            });
    SignalContext context =
        new SignalContext(
            nodeId,
            signals,
            b.readStateRepository != null
                ? b.readStateRepository
                : new InMemoryReadStateRepository(),
            bus,
            rooms,
            this::cachedRoom,
            this::room,
            clock,
            b.signalSettings,
            signalTimers);
    this.presence = new PresenceService(context);
    this.typing = new TypingService(context, presence);
    this.readStates = new ReadStateService(context);
    this.hookExecutor =
        b.interceptors.isEmpty() ? null : daemonPool("chatstack-hooks", b.hookThreads, HOOK_QUEUE);
    this.interceptors =
        new InterceptorChain(
            b.interceptors, hookExecutor, b.beforeSendTimeout, b.failurePolicy, validate);
    this.messages =
        new MessageChanges(
            bus,
            validate,
            b.editWindow,
            this::now,
            this::checkRoom,
            this::room,
            this::publish,
            interceptors);
    this.moderation =
        new RoomModeration(
            rooms,
            validate,
            this::now,
            roomCache::invalidate,
            draft -> await(bus.publish(draft)),
            this::announce,
            b.deleteHistory ? bus::eraseRoom : roomId -> {});
  }

  /**
   * A pool of {@code threads} daemon threads named {@code prefix-N} with a bounded queue of {@code
   * queue} tasks (further ones are refused); idle threads end after 30 s.
   */
  private static ExecutorService daemonPool(String prefix, int threads, int queue) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queue),
            r -> {
              Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /** A builder with in-memory defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates a {@link RoomVisibility#PUBLIC} room; the creator becomes its first participant (a JOIN
   * message is published).
   */
  public Room createRoom(String name, String createdBy) {
    return createRoom(name, createdBy, RoomVisibility.PUBLIC);
  }

  /**
   * Creates a public or private room; the creator becomes its first participant (a JOIN message is
   * published).
   *
   * @throws InvalidInputException (code {@code invalid-visibility}) for {@link
   *     RoomVisibility#DIRECT}: direct rooms come from {@link #directRoom}
   */
  public Room createRoom(String name, String createdBy, RoomVisibility visibility) {
    validate.roomName(name);
    validate.username(createdBy);
    if (Objects.requireNonNull(visibility, "visibility") == RoomVisibility.DIRECT) {
      throw new InvalidInputException(
          "invalid-visibility",
          "visibility must be PUBLIC or PRIVATE; a direct room is opened with the other user's"
              + " name instead");
    }
    Room room = rooms.create(name, createdBy, now(), visibility);
    joined(await(bus.publish(event(room.id(), createdBy, MessageType.JOIN, null))));
    announce(new RoomEvent(RoomEvent.Kind.CREATED, room.summary(), createdBy));
    return room;
  }

  /**
   * The one {@link RoomVisibility#DIRECT} room of {@code user} and {@code other}, created (with a
   * JOIN message of each) when it does not exist yet: the same room whoever asks, also for
   * concurrent calls on several nodes. Its participants are exactly the two users, and stay so.
   *
   * @throws InvalidInputException (code {@code invalid-direct-room}) when both names are the same
   */
  public DirectRoom directRoom(String user, String other) {
    validate.username(user);
    validate.username(other);
    if (user.equals(other)) {
      throw new InvalidInputException(
          "invalid-direct-room", "A direct room needs another user than yourself");
    }
    String name = user.compareTo(other) < 0 ? user + " & " + other : other + " & " + user;
    DirectRoom direct = rooms.findOrCreateDirect(user, other, name, now());
    if (direct.created()) {
      long id = direct.room().id();
      joined(await(bus.publish(event(id, user, MessageType.JOIN, null))));
      joined(await(bus.publish(event(id, other, MessageType.JOIN, null))));
      announce(new RoomEvent(RoomEvent.Kind.CREATED, direct.room().summary(), user));
    }
    return direct;
  }

  /** All rooms, whatever their visibility, ordered by id. */
  public List<RoomSummary> rooms() {
    return rooms.findAll();
  }

  /** The public rooms and the rooms {@code username} is in, ordered by id. */
  public List<RoomSummary> roomsVisibleTo(String username) {
    return rooms.findVisibleTo(validate.username(username));
  }

  /** Rooms {@code username} participates in, ordered by id. */
  public List<RoomSummary> roomsOf(String username) {
    return rooms.findByParticipant(validate.username(username));
  }

  /**
   * One page of the room's participants, ascending by name: at most {@code limit} (1 to {@value
   * #MAX_PARTICIPANT_PAGE}) names after {@code after} (empty: from the first).
   *
   * @throws RoomNotFoundException when the room does not exist
   */
  public List<String> participants(long roomId, String after, int limit) {
    validate.limit(limit, MAX_PARTICIPANT_PAGE);
    return rooms.participants(roomId, Objects.requireNonNull(after, "after"), limit);
  }

  /**
   * One page of the room's participants with their roles, ascending by name, as {@link
   * #participants} pages names.
   *
   * @throws RoomNotFoundException when the room does not exist
   */
  public List<Participant> participantPage(long roomId, String after, int limit) {
    validate.limit(limit, MAX_PARTICIPANT_PAGE);
    return rooms.participantPage(roomId, Objects.requireNonNull(after, "after"), limit);
  }

  /**
   * Roles, kicks, bans, mutes, renaming and deleting rooms, with the role rules of {@link
   * Moderation}.
   */
  public Moderation moderation() {
    return moderation;
  }

  /**
   * The room without its member list, as stored now.
   *
   * @throws RoomNotFoundException when it does not exist
   */
  public RoomSummary summary(long roomId) {
    return rooms.findSummary(roomId).orElseThrow(() -> new RoomNotFoundException(roomId));
  }

  /**
   * The room as stored now (read from the repository). @throws RoomNotFoundException when it does
   * not exist
   */
  public Room room(long roomId) {
    return rooms.findById(roomId).orElseThrow(() -> new RoomNotFoundException(roomId));
  }

  /**
   * The room from this service's cache of recently read rooms, for checks on every message (the
   * STOMP adapter's authorization uses it). Changes made through this service are seen at once;
   * changes made on another node are seen when their room event arrives through the message bus
   * (usually within milliseconds), at the latest after {@link Builder#roomCacheTtl(Duration)}. A
   * check that refuses on a cached room should be confirmed with {@link #room(long)}; {@link
   * #checkRoom} does both.
   *
   * @throws RoomNotFoundException when it does not exist
   */
  public Room cachedRoom(long roomId) {
    return roomCache.get(roomId, this::room);
  }

  /**
   * Whether {@code username} is a participant of the room now, read fresh from the repository with
   * one row (not the whole room, which in a room of 10,000 members is 10,000 rows); false when the
   * room does not exist. For checks that must see a leave that just happened (the STOMP adapter
   * asks it once a subscription is registered). Any thread.
   */
  public boolean isParticipant(long roomId, String username) {
    validate.username(username);
    return rooms.isParticipant(roomId, username);
  }

  /**
   * Whether {@code check} accepts the room: asked of the {@link #cachedRoom(long) cached} room
   * first and, only when that refuses, of a fresh {@link #room(long) read}, which then replaces the
   * cached room (so a cache that lags behind the repository costs one read, not one per check). So
   * an accepted check costs no query, and a participant who just joined on another node is never
   * refused; a leave on another node takes effect as {@link #cachedRoom(long)} describes. {@link
   * #send} checks membership this way; the STOMP adapter authorizes SEND and SUBSCRIBE this way.
   * Thread-safe; {@code check} is called once or twice on the caller's thread.
   *
   * @throws RoomNotFoundException when the room does not exist
   */
  public boolean checkRoom(long roomId, Predicate<? super Room> check) {
    Objects.requireNonNull(check, "check");
    return check.test(cachedRoom(roomId)) || check.test(roomCache.reload(roomId, this::room));
  }

  /**
   * Makes {@code username} a participant. Idempotent: a JOIN message is published only when the
   * user was not a participant yet. Returns once the JOIN is durable in the log. Who may join is
   * the caller's decision (the STOMP and REST layers ask their {@code RoomAuthorizer}), except that
   * a user banned from the room ({@link Moderation}) is always refused.
   *
   * @throws ActionRefusedException (code {@code banned}) when the user is banned from the room
   */
  public Room join(long roomId, String username) {
    return join(roomId, username, username);
  }

  /**
   * Adds {@code username} to the room on behalf of {@code addedBy} (an invitation); like {@link
   * #join(long, String)}, with a JOIN message saying who added them.
   */
  public Room join(long roomId, String username, String addedBy) {
    validate.username(username);
    validate.username(addedBy);
    Room before = room(roomId);
    Optional<Restriction> ban = before.bannedAt(username, now());
    if (ban.isPresent() && !before.hasParticipant(username)) {
      throw banned(roomId, username, ban.get());
    }
    if (rooms.addParticipant(roomId, username)) {
      roomCache.invalidate(roomId);
      // A ban stores the restriction, then removes the participant. One that came between the
      // check above and this insert found nobody to remove: look again, and undo the join.
      Room after = room(roomId);
      Optional<Restriction> banMeanwhile = after.bannedAt(username, now());
      if (banMeanwhile.isPresent()) {
        rooms.removeParticipant(roomId, username);
        roomCache.invalidate(roomId);
        throw banned(roomId, username, banMeanwhile.get());
      }
      try {
        joined(await(bus.publish(event(roomId, username, MessageType.JOIN, addedBy))));
      } catch (ChatUnavailableException e) {
        rooms.removeParticipant(roomId, username);
        roomCache.invalidate(roomId);
        throw e;
      }
      announce(new RoomEvent(RoomEvent.Kind.JOINED, summary(roomId), username));
      return after;
    }
    return room(roomId);
  }

  private static ActionRefusedException banned(long roomId, String username, Restriction ban) {
    return new ActionRefusedException(
        ActionRefusedException.BANNED,
        username
            + " is banned from room "
            + roomId
            + ban.until().map(u -> " until " + u).orElse(""));
  }

  /**
   * Removes {@code username} from the room. Idempotent; publishes LEAVE only when they were in it.
   * Every live subscription of that user to the room ends at that LEAVE (see the STOMP adapter).
   */
  public Room leave(long roomId, String username) {
    return leave(roomId, username, username);
  }

  /**
   * Removes {@code username} from the room on behalf of {@code removedBy}; like {@link #leave(long,
   * String)}, with a LEAVE message saying who removed them.
   */
  public Room leave(long roomId, String username, String removedBy) {
    validate.username(username);
    validate.username(removedBy);
    room(roomId);
    if (rooms.removeParticipant(roomId, username)) {
      roomCache.invalidate(roomId);
      try {
        await(bus.publish(event(roomId, username, MessageType.LEAVE, removedBy)));
      } catch (ChatUnavailableException e) {
        rooms.addParticipant(roomId, username);
        roomCache.invalidate(roomId);
        throw e;
      }
      announce(new RoomEvent(RoomEvent.Kind.LEFT, summary(roomId), username));
    }
    return room(roomId);
  }

  /**
   * Sends a chat message with a generated clientMsgId. See {@link #send(long, String, String,
   * String)}.
   */
  public CompletableFuture<ChatMessage> send(long roomId, String sender, String content) {
    return send(roomId, sender, content, null);
  }

  /**
   * Sends a chat message. Validation and membership errors are thrown immediately; the future
   * completes with the message and its seq once the log acknowledged it, or fails with {@link
   * ChatUnavailableException} after the send timeout. Re-sending with the same {@code clientMsgId}
   * completes with the original message instead of storing a second one.
   *
   * @param clientMsgId idempotency key, or null to use the generated message id
   * @throws ActionRefusedException (code {@code muted}) when the sender is muted in the room
   *     ({@link Moderation}); every other send method refuses the same way
   */
  public CompletableFuture<ChatMessage> send(
      long roomId, String sender, String content, String clientMsgId) {
    validate.username(sender);
    validate.content(content);
    String key = validate.clientMsgId(clientMsgId);
    if (!checkRoom(roomId, r -> r.hasParticipant(sender))) {
      throw new NotParticipantException(roomId, sender);
    }
    notMuted(roomId, sender);
    return intercepted(roomId, sender, key, new MessageDraft(content, Map.of(), ""));
  }

  /**
   * Sends a chat message if {@code mayPost} accepts the room, instead of requiring {@code sender}
   * to be a participant: for transports that authorize with a policy of their own (the STOMP
   * adapter's {@code RoomAuthorizer}), so that a send checks the room once. The check comes first
   * and is asked like {@link #checkRoom} (the cached room, a refusal confirmed with a fresh read);
   * then the input is validated and the message sent as {@link #send(long, String, String, String)}
   * describes.
   *
   * @throws NotParticipantException when {@code mayPost} refuses the room
   * @throws RoomNotFoundException when the room does not exist
   */
  public CompletableFuture<ChatMessage> send(
      long roomId,
      String sender,
      String content,
      String clientMsgId,
      Predicate<? super Room> mayPost) {
    return send(roomId, sender, content, clientMsgId, SendOptions.NONE, mayPost);
  }

  /**
   * Sends a chat message that replies to another message of the room and/or carries metadata (see
   * {@link SendOptions}); otherwise as {@link #send(long, String, String, String)}.
   *
   * @throws InvalidInputException with code {@code invalid-metadata} for metadata that is not a
   *     JSON object of at most {@link ChatMessage#MAX_METADATA_BYTES}, {@code invalid-reply-to}
   *     when {@code replyTo} names no message of the room
   */
  public CompletableFuture<ChatMessage> send(
      long roomId, String sender, String content, String clientMsgId, SendOptions options) {
    return send(roomId, sender, content, clientMsgId, options, r -> r.hasParticipant(sender));
  }

  /**
   * {@link #send(long, String, String, String, SendOptions)} if {@code mayPost} accepts the room;
   * see {@link #send(long, String, String, String, Predicate)}.
   */
  public CompletableFuture<ChatMessage> send(
      long roomId,
      String sender,
      String content,
      String clientMsgId,
      SendOptions options,
      Predicate<? super Room> mayPost) {
    Objects.requireNonNull(options, "options");
    if (!checkRoom(roomId, mayPost)) {
      throw new NotParticipantException(roomId, sender);
    }
    validate.username(sender);
    validate.content(content);
    String key = validate.clientMsgId(clientMsgId);
    Map<String, Object> metadata = validate.metadata(options.metadata());
    String replyTo = options.replyTo().map(id -> validate.replyTo(bus, roomId, id)).orElse("");
    notMuted(roomId, sender);
    return intercepted(roomId, sender, key, new MessageDraft(content, metadata, replyTo));
  }

  /**
   * Refuses a muted sender: asked of the cached room and, when that says muted, confirmed on a
   * fresh read (so an unmute on another node is never missed).
   */
  private void notMuted(long roomId, String sender) {
    Instant at = now();
    if (!checkRoom(roomId, r -> r.mutedAt(sender, at).isEmpty())) {
      throw new ActionRefusedException(
          ActionRefusedException.MUTED, sender + " is muted in room " + roomId);
    }
  }

  /** Runs the interceptors (if any), then publishes the draft as they left it. */
  private CompletableFuture<ChatMessage> intercepted(
      long roomId, String sender, String key, MessageDraft draft) {
    InterceptContext context =
        new InterceptContext(
            roomId, sender, InterceptContext.Kind.SEND, Optional.empty(), Optional.ofNullable(key));
    return interceptors
        .run(context, draft)
        .thenCompose(
            d ->
                publish(
                    draft(
                        roomId,
                        sender,
                        d.content(),
                        MessageType.CHAT,
                        key,
                        d.replyTo(),
                        d.metadata())));
  }

  /**
   * Edits, deletes and reactions: changes to messages already sent, in room order. The edit window
   * is {@link Builder#editWindow(Duration)}.
   */
  public Messages messages() {
    return messages;
  }

  /**
   * Erasure for data-protection requests: every chat message {@code username} wrote, in every room,
   * becomes a tombstone in history and in replays ({@link MessageStore#eraseSender}). This node's
   * history tails are dropped at once; other nodes drop theirs on an {@link Signal.Kind#ERASED}
   * signal (ephemeral: a node that misses it loads its tails again within the {@link
   * Builder#historyTail} max age). Live clients that already showed a message keep it until they
   * reload. Idempotent.
   *
   * @return the number of messages that became tombstones
   * @throws ChatUnavailableException when the store fails (call again: erasure is idempotent)
   */
  public long eraseUser(String username) {
    long erased = bus.eraseSender(validate.username(username));
    // This node's tails load again; other nodes drop theirs on the signal (best effort: at the
    // latest they load again after historyTail's maxAge).
    tails.clear();
    try {
      signals.publish(Signal.of(Signal.Kind.ERASED, nodeId, 0, username, 0));
    } catch (RuntimeException e) {
      LOG.warn("Could not tell other nodes about the erasure of {}'s messages", username, e);
    }
    return erased;
  }

  private CompletableFuture<ChatMessage> publish(ChatMessage draft) {
    return bus.publish(draft)
        .orTimeout(sendTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle(this::unwrap);
  }

  /**
   * One page of history; messages ascending by seq. Answered from this node's tail of the room when
   * it reaches far enough back (then it includes messages the store does not hold yet), from the
   * store otherwise.
   */
  public HistoryPage history(long roomId, HistoryQuery query) {
    cachedRoom(roomId);
    Objects.requireNonNull(query, "query");
    return tails.page(roomId, query).orElseGet(() -> bus.history(roomId, query));
  }

  /**
   * The newest {@code limit} messages with seq below {@code beforeSeq} (use Long.MAX_VALUE for
   * latest).
   */
  public HistoryPage history(long roomId, long beforeSeq, int limit) {
    return history(roomId, HistoryQuery.before(beforeSeq, limit));
  }

  /**
   * Records (messages in their current state and change records, see {@link MessageBus#since}) with
   * seq &gt; {@code afterSeq}, ascending, at most {@code limit}, including unstored ones.
   */
  public List<ChatMessage> since(long roomId, long afterSeq, int limit) {
    cachedRoom(roomId);
    return replay(roomId, afterSeq, validate.limit(limit, HistoryQuery.MAX_LIMIT));
  }

  /**
   * Records after {@code afterSeq}: from this node's tail of the room (as far as this node's
   * delivery has reached; for a subscriber the live stream, registered before, brings the rest),
   * else from the bus (store and log). No gap: the bus finishes a record's delivery to every
   * listener, the tail included, before a new subscriber's registration returns ({@link
   * MessageBus#subscribe}).
   */
  private List<ChatMessage> replay(long roomId, long afterSeq, int limit) {
    return tails.since(roomId, afterSeq, limit).orElseGet(() -> bus.since(roomId, afterSeq, limit));
  }

  /**
   * How this node's history tails are doing: {@code hits} (answers from a tail), {@code misses}
   * (questions sent to the store), {@code loads}, {@code evictions}, {@code rooms} and {@code
   * bytes} (estimated size); for metrics and benchmarks. A snapshot; thread-safe.
   */
  public Map<String, Long> historyTailStats() {
    Map<String, Long> stats = new LinkedHashMap<>();
    stats.put("hits", tails.hits());
    stats.put("misses", tails.misses());
    stats.put("loads", tails.loads());
    stats.put("evictions", tails.evictions());
    stats.put("rooms", (long) tails.rooms());
    stats.put("bytes", tails.bytes());
    return stats;
  }

  /**
   * Live records (messages and change records) of the room from now on. See {@link MessageListener}
   * for threading.
   */
  public Subscription subscribe(long roomId, MessageListener listener) {
    cachedRoom(roomId);
    return bus.subscribe(roomId, Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Every record with seq &gt; {@code afterSeq} (as {@link #since}), then live records, each
   * exactly once and in order. The missed records, and live ones that arrive while they are read,
   * are delivered on the calling thread before this method returns; then the listener's {@link
   * MessageListener#caughtUp()} runs on the calling thread; later live records come on the bus's
   * delivery thread (the publishing thread for the in-memory bus), possibly before this method
   * returns. An {@code afterSeq} beyond the end of the room's log is lowered first ({@link
   * MessageBus#withinLog}). The listener's {@link MessageListener#registered()} runs first, once
   * the listener is registered and before the replay. A RuntimeException thrown by the listener's
   * {@code onMessage} is logged and delivery goes on; when {@code registered()} throws, reading the
   * missed records fails, or the listener throws an {@link Error}, the registration is removed and
   * the failure is thrown from this method.
   */
  public Subscription subscribe(long roomId, long afterSeq, MessageListener listener) {
    cachedRoom(roomId);
    // Before the registration: every record published after it has a higher seq than this.
    long from = bus.withinLog(roomId, afterSeq);
    CatchUpListener catchUp =
        new CatchUpListener(Objects.requireNonNull(listener, "listener"), from);
    Subscription subscription = bus.subscribe(roomId, catchUp);
    try {
      listener.registered();
      catchUp.catchUp(after -> replay(roomId, after, REPLAY_PAGE), REPLAY_PAGE);
    } catch (RuntimeException | Error e) {
      // An Error from the listener too: left registered, the catch-up would never go live and
      // would buffer the room's live records for ever.
      subscription.close();
      throw e;
    }
    return subscription;
  }

  /** Room-list changes (created, participants changed) from every node. */
  public Subscription subscribeRooms(RoomEventListener listener) {
    return bus.subscribeRoomEvents(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Who is online in each room, across every node. Ephemeral: carried by the {@link SignalBus},
   * never stored.
   */
  public Presence presence() {
    return presence;
  }

  /** Typing indicators across every node. Ephemeral: never stored, never replayed. */
  public Typing typing() {
    return typing;
  }

  /** Durable read positions, exact unread counts and read receipts. */
  public ReadStates readStates() {
    return readStates;
  }

  /** Closes the signal services, the signal bus and the message bus. Idempotent. */
  @Override
  public void close() {
    if (hookExecutor != null) {
      hookExecutor.shutdownNow();
    }
    roomRefresher.shutdownNow();
    typing.close();
    readStates.close();
    presence.close();
    signalTimers.shutdownNow();
    erasures.close();
    signals.close();
    roomEvents.close();
    tails.close();
    bus.close();
  }

  /** A JOIN was ordered: what came before it counts as read for the new participant. */
  private void joined(ChatMessage join) {
    try {
      readStates.joined(join.roomId(), join.sender(), join.seq());
    } catch (RuntimeException e) {
      LOG.warn("Read state of {} in room {} not set at JOIN", join.sender(), join.roomId(), e);
    }
  }

  private ChatMessage event(long roomId, String username, MessageType type, String actor) {
    String text;
    if (actor == null || actor.equals(username)) {
      text = username + (type == MessageType.JOIN ? " joined the room" : " left the room");
    } else {
      text = username + (type == MessageType.JOIN ? " was added by " : " was removed by ") + actor;
    }
    return draft(roomId, username, text, type, null);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private ChatMessage draft(
      long roomId, String sender, String content, MessageType type, String clientMsgId) {
    return draft(roomId, sender, content, type, clientMsgId, "", Map.of());
  }

  private ChatMessage draft(
      long roomId,
      String sender,
      String content,
      MessageType type,
      String clientMsgId,
      String replyTo,
      Map<String, Object> metadata) {
    return new ChatMessage(
        UUID.randomUUID().toString(),
        roomId,
        ChatMessage.UNASSIGNED_SEQ,
        sender,
        content,
        type,
        now(),
        clientMsgId,
        "",
        replyTo,
        metadata,
        Optional.empty(),
        false,
        Map.of(),
        0L);
  }

  private void announce(RoomEvent event) {
    bus.publishRoomEvent(event)
        .whenComplete(
            (ok, e) -> {
              if (e != null) {
                LOG.warn(
                    "Room event {} for room {} was not published",
                    event.kind(),
                    event.room().id(),
                    e);
              }
            });
  }

  private <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatUnavailableException("Interrupted while waiting for the message bus", e);
    } catch (ExecutionException | TimeoutException e) {
      return unwrap(null, e);
    }
  }

  private <T> T unwrap(T value, Throwable failure) {
    if (failure == null) {
      return value;
    }
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof ChatException chat) {
      throw chat;
    }
    if (cause instanceof TimeoutException) {
      throw new ChatUnavailableException(
          "Message bus did not acknowledge within " + sendTimeout, cause);
    }
    throw new ChatUnavailableException("Message bus failed: " + cause, cause);
  }

  /** Configures a {@link ChatService}. Not thread-safe; build once. */
  public static final class Builder {
    private RoomRepository rooms;
    private MessageBus bus;
    private Clock clock = Clock.systemUTC();
    private Duration sendTimeout = Duration.ofSeconds(10);
    private ChatLimits limits = ChatLimits.DEFAULTS;
    private Duration roomCacheTtl = Duration.ofSeconds(5);
    private SignalBus signals;
    private ReadStateRepository readStateRepository;
    private SignalSettings signalSettings = SignalSettings.DEFAULTS;
    private Duration editWindow = Duration.ofHours(24);
    private final List<MessageInterceptor> interceptors = new ArrayList<>();
    private Duration beforeSendTimeout = Duration.ofMillis(200);
    private InterceptorFailurePolicy failurePolicy = InterceptorFailurePolicy.FAIL_CLOSED;
    private int hookThreads = 4;
    private boolean deleteHistory;
    private int tailRecords = 200;
    private long tailBytes = 32L << 20;
    private Duration tailMaxAge = Duration.ofMinutes(1);

    private Builder() {}

    /**
     * Each node's tails of the newest records per room, which answer the latest pages of history
     * and the replays of reconnecting clients without a store query. A room's tail is loaded on its
     * first read (one store page and one {@link MessageBus#since}) and then fed by the bus's live
     * stream, so it includes messages the store does not hold yet and every edit, delete and
     * reaction. Older pages and replays reaching further back come from the store.
     *
     * <p>Defaults: 200 records per room, 32 MiB in all, reloaded after 1 minute (so that an erasure
     * made on another node reaches this node's history within it; on the erasing node at once). The
     * size is estimated from each record's string lengths plus a fixed overhead; beyond {@code
     * maxBytes} whole rooms are dropped, least recently read first.
     *
     * @param recordsPerRoom records (messages and change records) kept per room, 0 to 100,000; 0
     *     turns the tails off (every read goes to the store)
     * @param maxBytes bound of the estimated size of all tails, at least 0
     * @param maxAge a tail older than this is loaded again on its next read; positive
     */
    public Builder historyTail(int recordsPerRoom, long maxBytes, Duration maxAge) {
      if (recordsPerRoom < 0 || recordsPerRoom > 100_000) {
        throw new IllegalArgumentException(
            "historyTail recordsPerRoom must be between 0 and 100000, was " + recordsPerRoom);
      }
      if (maxBytes < 0) {
        throw new IllegalArgumentException(
            "historyTail maxBytes must not be negative, was " + maxBytes);
      }
      if (maxAge.isNegative() || maxAge.isZero()) {
        throw new IllegalArgumentException("historyTail maxAge must be positive, was " + maxAge);
      }
      this.tailRecords = recordsPerRoom;
      this.tailBytes = maxBytes;
      this.tailMaxAge = maxAge;
      return this;
    }

    /**
     * Carries presence, typing and read notifications between nodes; default in one process ({@code
     * new KafkaSignalBus(config)} spans nodes). The service closes it.
     */
    public Builder signalBus(SignalBus signalBus) {
      this.signals = Objects.requireNonNull(signalBus, "signalBus");
      return this;
    }

    /**
     * Where read positions live; default in memory ({@code JdbiReadStateRepository} is durable).
     */
    public Builder readStateRepository(ReadStateRepository repository) {
      this.readStateRepository = Objects.requireNonNull(repository, "repository");
      return this;
    }

    /** Presence, typing and receipt timings; default {@link SignalSettings#DEFAULTS}. */
    public Builder signalSettings(SignalSettings settings) {
      this.signalSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Where rooms live; default in memory. */
    public Builder roomRepository(RoomRepository repository) {
      this.rooms = Objects.requireNonNull(repository, "repository");
      return this;
    }

    /**
     * The ordered log and, through the {@link MessageStore} it was constructed with, the history;
     * default a single-node in-memory bus with an in-memory store (e.g. {@code new
     * InMemoryMessageBus(store)} keeps history in another store, {@code new KafkaMessageBus(config,
     * store)} runs on Kafka).
     */
    public Builder messageBus(MessageBus messageBus) {
      this.bus = Objects.requireNonNull(messageBus, "messageBus");
      return this;
    }

    /** Clock for timestamps; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Longest wait for the log to acknowledge a send; default 10 seconds. */
    public Builder sendTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("sendTimeout must be positive, was " + timeout);
      }
      this.sendTimeout = timeout;
      return this;
    }

    /**
     * Longest time a cached room snapshot is used for membership checks (see {@link
     * ChatService#cachedRoom(long)}); room events from every node normally refresh it much sooner.
     * A room in steady use is reloaded in the background once its snapshot is three quarters of
     * this old, so checks rarely wait for the repository. Default 5 seconds; zero disables the
     * cache (every check reads the repository).
     */
    public Builder roomCacheTtl(Duration ttl) {
      if (ttl.isNegative()) {
        throw new IllegalArgumentException("roomCacheTtl must not be negative, was " + ttl);
      }
      this.roomCacheTtl = ttl;
      return this;
    }

    /**
     * How long after sending a message its sender may still edit it; default 24 hours. Deleting is
     * not limited by it.
     */
    public Builder editWindow(Duration window) {
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("editWindow must be positive, was " + window);
      }
      this.editWindow = window;
      return this;
    }

    /**
     * Adds {@link MessageInterceptor}s, run in the order added (after those added before) for every
     * chat message and edit before it is published; default none. With none, sends do not touch the
     * hook executor at all.
     */
    public Builder interceptors(List<? extends MessageInterceptor> list) {
      for (MessageInterceptor i : list) {
        interceptors.add(Objects.requireNonNull(i, "interceptor"));
      }
      return this;
    }

    /** Adds one {@link MessageInterceptor}; see {@link #interceptors(List)}. */
    public Builder interceptor(MessageInterceptor interceptor) {
      return interceptors(List.of(interceptor));
    }

    /**
     * Longest time one {@link MessageInterceptor} call may take before it is abandoned and handled
     * by the {@link #interceptorFailurePolicy}; default 200 ms. It runs from the hand-over to the
     * hook executor, so waiting for a free hook thread counts (with the fail-closed policy an
     * overloaded server refuses sends rather than queueing them longer). It adds to the send's
     * latency, so keep it short.
     */
    public Builder beforeSendTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("beforeSendTimeout must be positive, was " + timeout);
      }
      this.beforeSendTimeout = timeout;
      return this;
    }

    /**
     * What a send does when an interceptor throws, misses the deadline or rewrites invalidly;
     * default {@link InterceptorFailurePolicy#FAIL_CLOSED}.
     */
    public Builder interceptorFailurePolicy(InterceptorFailurePolicy policy) {
      this.failurePolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Threads of the hook executor that runs interceptors (created only when there are
     * interceptors, closed with the service); default 4. Calls beyond the threads wait in a bounded
     * queue; a call that cannot be queued counts as an interceptor failure.
     */
    public Builder hookThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("hookThreads must be at least 1, was " + threads);
      }
      this.hookThreads = threads;
      return this;
    }

    /**
     * Whether deleting a room ({@link Moderation#deleteRoom}) also erases its history from the
     * message store ({@link MessageBus#eraseRoom}); default false: history is kept (readable by
     * whoever reads the store directly, no longer through chatstack).
     */
    public Builder deleteHistory(boolean erase) {
      this.deleteHistory = erase;
      return this;
    }

    /** Input limits; default {@link ChatLimits#DEFAULTS}. */
    public Builder limits(ChatLimits chatLimits) {
      this.limits = Objects.requireNonNull(chatLimits, "limits");
      return this;
    }

    /** Builds the service. */
    public ChatService build() {
      return new ChatService(this);
    }
  }
}
