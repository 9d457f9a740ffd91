package io.chatstack.core.internal;

import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.InvalidInputException;
import io.chatstack.core.Names;
import io.chatstack.core.NotParticipantException;
import io.chatstack.core.ReadReceipt;
import io.chatstack.core.ReadState;
import io.chatstack.core.ReadStates;
import io.chatstack.core.Room;
import io.chatstack.core.RoomEvent;
import io.chatstack.core.RoomSummary;
import io.chatstack.core.Signal;
import io.chatstack.core.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ReadStates} of one node.
 *
 * <p>{@link #markRead} stores through the {@link io.chatstack.core.ReadStateRepository} and
 * announces a moved position as a {@link Signal.Kind#READ} signal to every node (this one
 * included). Each node turns READ signals into pushes to its local read-state subscribers (through
 * an {@link UnreadTracker} confined to one worker thread, which also counts live messages) and into
 * throttled receipts ({@link ReceiptThrottle}, flushed by {@link #tick()}, run every {@value
 * #TICK_MILLIS} ms on the context's scheduler).
 *
 * <p>Thread-safe. Listeners are called on the read-state worker thread (read states) or on the
 * signal bus's thread and the timer thread (receipts). Lifecycle: works once constructed until
 * {@link #close()}.
 */
public final class ReadStateService implements ReadStates, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReadStateService.class);
  static final long TICK_MILLIS = 100;
  private static final int MAX_USERNAME = 255;

  private final SignalContext context;
  private final ExecutorService worker;
  private final UnreadTracker tracker;
  private final ReceiptThrottle throttle;
  private final Map<Long, List<Consumer<ReadReceipt>>> receiptListeners = new ConcurrentHashMap<>();
  private final Subscription signals;
  private final Subscription roomEvents;
  private final Future<?> ticks;
  private volatile Thread workerThread;

  /** Starts following signals and room events, and the receipt timer. */
  public ReadStateService(SignalContext context) {
    this.context = context;
    this.worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "chatstack-read-state");
              t.setDaemon(true);
              workerThread = t;
              return t;
            });
    this.tracker = new UnreadTracker(context, this::enqueue);
    this.throttle = new ReceiptThrottle(context.settings().receiptInterval());
    this.signals = context.signals().subscribe(this::onSignal);
    this.roomEvents = context.bus().subscribeRoomEvents(this::onRoomEvent);
    this.ticks =
        context
            .scheduler()
            .scheduleAtFixedRate(this::safeTick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * A user joined a room with the JOIN at {@code seq}: what was said before counts as read (the
   * stored seq is advanced without a signal); the user's subscribers on this node get the room.
   */
  public void joined(long roomId, String username, long seq) {
    long stored = context.readStates().advance(roomId, username, seq);
    enqueue(() -> tracker.read(username, roomId, stored, false));
  }

  @Override
  public ReadState markRead(long roomId, String username, long seq) {
    if (seq < ReadState.NOTHING_READ) {
      throw new InvalidInputException(
          "invalid-seq",
          "seq must be the seq of a message of the room, or -1 for nothing read; was " + seq);
    }
    user(username);
    Room cached = context.cachedRoom().apply(roomId);
    if (!cached.hasParticipant(username)
        && !context.freshRoom().apply(roomId).hasParticipant(username)) {
      throw new NotParticipantException(roomId, username);
    }
    long before = context.readStates().find(roomId, username);
    long target = Math.min(seq, context.bus().latestSeq(roomId));
    long stored = context.readStates().advance(roomId, username, target);
    long unread = context.bus().countChat(roomId, stored, username);
    if (stored > before) {
      context
          .signals()
          .publish(Signal.of(Signal.Kind.READ, context.node(), roomId, username, stored));
    }
    return new ReadState(roomId, username, stored, unread);
  }

  @Override
  public ReadState state(long roomId, String username) {
    user(username);
    context.cachedRoom().apply(roomId);
    return stateOf(roomId, username, context.readStates().find(roomId, username));
  }

  @Override
  public List<ReadState> states(String username) {
    user(username);
    Map<Long, Long> reads = context.readStates().findAll(username);
    List<ReadState> out = new ArrayList<>();
    for (RoomSummary room : context.rooms().findByParticipant(username)) {
      out.add(stateOf(room.id(), username, reads.getOrDefault(room.id(), ReadState.NOTHING_READ)));
    }
    return out;
  }

  private ReadState stateOf(long roomId, String username, long lastRead) {
    return new ReadState(
        roomId, username, lastRead, context.bus().countChat(roomId, lastRead, username));
  }

  @Override
  public Subscription subscribe(String username, Consumer<ReadState> listener) {
    user(username);
    Objects.requireNonNull(listener, "listener");
    Consumer<ReadState> own = listener::accept; // one entry per subscription
    call(() -> tracker.follow(username, own));
    AtomicBoolean open = new AtomicBoolean(true);
    return () -> {
      if (open.compareAndSet(true, false)) {
        enqueue(() -> tracker.unfollow(username, own));
      }
    };
  }

  @Override
  public Subscription subscribeReceipts(long roomId, Consumer<ReadReceipt> listener) {
    Objects.requireNonNull(listener, "listener");
    if (!receiptsEnabled()) {
      return () -> {};
    }
    Consumer<ReadReceipt> own = listener::accept;
    receiptListeners.computeIfAbsent(roomId, id -> new CopyOnWriteArrayList<>()).add(own);
    return () ->
        receiptListeners.computeIfPresent(
            roomId,
            (id, list) -> {
              list.remove(own);
              return list.isEmpty() ? null : list;
            });
  }

  @Override
  public boolean receiptsEnabled() {
    return context.settings().readReceipts();
  }

  /** Releases held receipts whose interval has passed by {@code context.clock()}. */
  public void tick() {
    for (ReadReceipt receipt : throttle.due(context.clock().instant())) {
      deliver(receipt);
    }
  }

  /** Stops the timer, the worker, and following signals and room events. Idempotent. */
  @Override
  public void close() {
    ticks.cancel(false);
    signals.close();
    roomEvents.close();
    receiptListeners.clear();
    try {
      worker.execute(tracker::close);
    } catch (RejectedExecutionException closed) {
      // already closed
    }
    worker.shutdown();
  }

  /** Waits until the worker has handled everything enqueued so far (for tests). */
  void awaitIdle() {
    call(() -> {});
  }

  /** Users followed on this node and rooms tapped (for tests). */
  UnreadTracker tracker() {
    return tracker;
  }

  private void onSignal(Signal signal) {
    if (signal.kind() != Signal.Kind.READ) {
      return;
    }
    long roomId = signal.roomId();
    String user = signal.user();
    long seq = signal.value();
    enqueue(() -> tracker.read(user, roomId, seq, true));
    if (receiptsEnabled() && receiptListeners.containsKey(roomId)) {
      ReadReceipt now =
          throttle.offer(new ReadReceipt(roomId, user, seq), context.clock().instant());
      if (now != null) {
        deliver(now);
      }
    }
  }

  private void onRoomEvent(RoomEvent event) {
    long roomId = event.room().id();
    String user = event.user();
    if (event.kind() == RoomEvent.Kind.JOINED) {
      enqueue(() -> tracker.read(user, roomId, ReadState.NOTHING_READ, false));
    } else if (event.kind() == RoomEvent.Kind.LEFT) {
      // Confirmed by a fresh read: a JOINED of the same user may have overtaken it.
      enqueue(() -> tracker.leftUnlessBack(user, roomId));
    } else if (event.kind() == RoomEvent.Kind.DELETED) {
      enqueue(() -> tracker.deleted(roomId));
    }
  }

  private void deliver(ReadReceipt receipt) {
    for (Consumer<ReadReceipt> listener :
        receiptListeners.getOrDefault(receipt.roomId(), List.of())) {
      try {
        listener.accept(receipt);
      } catch (RuntimeException e) {
        LOG.warn("Read receipt listener failed on room {}", receipt.roomId(), e);
      }
    }
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.warn("Read receipt timer failed", e);
    }
  }

  private void enqueue(Runnable task) {
    try {
      worker.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              LOG.warn("Read state update failed", e);
            }
          });
    } catch (RejectedExecutionException closed) {
      // closed: nothing to update any more
    }
  }

  /** Runs {@code task} on the worker and waits for it, rethrowing its failure. */
  private void call(Runnable task) {
    if (Thread.currentThread() == workerThread) {
      task.run();
      return;
    }
    CompletableFuture<Void> done;
    try {
      done = CompletableFuture.runAsync(task, worker);
    } catch (RejectedExecutionException e) {
      throw new ChatUnavailableException("The read-state service is closed", e);
    }
    try {
      done.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private static void user(String username) {
    Names.requireUsername(username, MAX_USERNAME);
  }
}
