package io.chatstack.core.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.HistoryPage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageBus;
import io.chatstack.core.MessageListener;
import io.chatstack.core.ReadState;
import io.chatstack.core.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's tails of the newest records of the rooms it reads: opening a room (the latest page of
 * history) and a reconnect's replay ({@code since}) are answered from memory instead of the store.
 *
 * <p>A room's tail is loaded on its first read (the store's latest page, then {@link
 * MessageBus#since} from there, which adds what the log holds but the store not yet) and from then
 * on kept current by a subscription to the bus: every record this node's fan-out reads for the room
 * (messages, and EDIT, DELETE and REACTION records, applied as the stores apply them) enters it in
 * seq order. So the tail holds every record from its floor up to what this node's fan-out has read,
 * on every node, including records the persister has not stored yet. Older records leave it (at
 * most {@code recordsPerRoom} per room); a question it cannot answer completely (a page or a replay
 * reaching below the floor) returns empty and the caller asks the bus.
 *
 * <p>Bounded: the tails' estimated size (string lengths and a fixed overhead per record and room)
 * stays at most {@code maxBytes}; beyond it whole rooms are dropped, least recently read first. A
 * tail is reloaded once it is {@code maxAge} old, so that changes made in the store alone (erasure
 * on another node) reach it. A reaction that cannot be applied exactly (an emoji with more users
 * than history lists) drops the room's tail.
 *
 * <p>Thread-safe: reads lock one tail; the bus's delivery thread feeds the tails. A reader that
 * finds a tail being loaded by another waits at most {@code loadWait}.
 */
public final class RoomTails implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RoomTails.class);

  /** Most {@code since} calls a load makes before giving up (a log far ahead of the store). */
  private static final int LOAD_CALLS = 20;

  /** Estimated size of an empty tail (its maps and subscription), so that rooms are bounded too. */
  static final long ROOM_OVERHEAD = 1024;

  private final MessageBus bus;
  private final int recordsPerRoom;
  private final long maxBytes;
  private final long maxAgeNanos;
  private final Duration loadWait;
  private final LongSupplier nanos;

  /** Access order: the eldest entry is the least recently read room. Guarded by itself. */
  private final Map<Long, Tail> tails = new LinkedHashMap<>(16, 0.75f, true);

  private final AtomicLong bytes = new AtomicLong();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder loads = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  private volatile boolean closed;

  /**
   * @param recordsPerRoom records kept per room; 0 turns the tails off (every call returns empty)
   * @param maxBytes bound of the tails' estimated size
   * @param maxAge a tail older than this is reloaded on its next read
   * @param loadWait longest wait for another reader's load of the same room
   * @param nanos monotonic clock in nanoseconds
   */
  public RoomTails(
      MessageBus bus,
      int recordsPerRoom,
      long maxBytes,
      Duration maxAge,
      Duration loadWait,
      LongSupplier nanos) {
    if (recordsPerRoom < 0) {
      throw new IllegalArgumentException(
          "recordsPerRoom must not be negative, was " + recordsPerRoom);
    }
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative, was " + maxBytes);
    }
    this.bus = bus;
    this.recordsPerRoom = recordsPerRoom;
    this.maxBytes = maxBytes;
    this.maxAgeNanos = maxAge.toNanos();
    this.loadWait = loadWait;
    this.nanos = nanos;
  }

  /**
   * The page from the room's tail, or empty when the tails are off, the tail cannot be loaded or
   * does not reach far enough back (then ask the bus).
   */
  public Optional<HistoryPage> page(long roomId, HistoryQuery query) {
    if (recordsPerRoom == 0) {
      return Optional.empty();
    }
    Optional<HistoryPage> page = tail(roomId).flatMap(t -> t.page(query));
    (page.isPresent() ? hits : misses).increment();
    return page;
  }

  /**
   * Records with seq &gt; {@code afterSeq} (as {@link MessageBus#since}, but only as far as this
   * node's fan-out has read), at most {@code limit}, from the room's tail; empty when the tails are
   * off, the tail cannot be loaded or does not reach back to {@code afterSeq}.
   */
  public Optional<List<ChatMessage>> since(long roomId, long afterSeq, int limit) {
    if (recordsPerRoom == 0) {
      return Optional.empty();
    }
    Optional<List<ChatMessage>> records = tail(roomId).flatMap(t -> t.since(afterSeq, limit));
    (records.isPresent() ? hits : misses).increment();
    return records;
  }

  /** Drops every tail (after an erasure: the next reads load again from the store). */
  public void clear() {
    List<Tail> dropped;
    synchronized (tails) {
      dropped = new ArrayList<>(tails.values());
      tails.clear();
    }
    dropped.forEach(this::drop);
  }

  /** Drops the room's tail, if any (the room was deleted). */
  public void forget(long roomId) {
    Tail tail;
    synchronized (tails) {
      tail = tails.remove(roomId);
    }
    if (tail != null) {
      drop(tail);
    }
  }

  /** Answers given from a tail. */
  public long hits() {
    return hits.sum();
  }

  /** Questions a tail could not answer (the caller asked the bus). */
  public long misses() {
    return misses.sum();
  }

  /** Tails loaded from the store and the log. */
  public long loads() {
    return loads.sum();
  }

  /** Tails dropped to keep within the byte bound. */
  public long evictions() {
    return evictions.sum();
  }

  /** Estimated size of the tails now. */
  public long bytes() {
    return bytes.get();
  }

  /** Rooms with a tail now (loaded or loading). */
  public int rooms() {
    synchronized (tails) {
      return tails.size();
    }
  }

  /** Drops every tail and ends their subscriptions. Idempotent. */
  @Override
  public void close() {
    closed = true;
    clear();
  }

  /** The room's ready tail: found, or loaded now (by this caller or, waiting, another). */
  private Optional<Tail> tail(long roomId) {
    if (closed) {
      return Optional.empty();
    }
    Tail tail;
    Tail expired = null;
    boolean load = false;
    synchronized (tails) {
      tail = tails.get(roomId);
      if (tail != null && tail.expired(nanos.getAsLong())) {
        tails.remove(roomId);
        expired = tail;
        tail = null;
      }
      if (tail == null) {
        tail = new Tail(roomId);
        tails.put(roomId, tail);
        load = true;
      }
    }
    if (expired != null) {
      drop(expired);
    }
    if (load) {
      load(tail);
    } else if (!tail.awaitLoaded(loadWait)) {
      return Optional.empty();
    }
    return Optional.of(tail);
  }

  private void load(Tail tail) {
    long roomId = tail.roomId;
    try {
      tail.subscription = bus.subscribe(roomId, tail);
      HistoryPage newest =
          bus.history(
              roomId, HistoryQuery.latest(Math.min(recordsPerRoom, HistoryQuery.MAX_LIMIT)));
      long after =
          newest.messages().isEmpty() ? ReadState.NOTHING_READ : newest.messages().get(0).seq() - 1;
      account(tail.begin(after + 1, newest.hasMore()));
      long cursor = after;
      for (int call = 0; ; call++) {
        if (call == LOAD_CALLS) {
          throw new IllegalStateException(
              "more than " + LOAD_CALLS * HistoryQuery.MAX_LIMIT + " records to load");
        }
        List<ChatMessage> records = bus.since(roomId, cursor, HistoryQuery.MAX_LIMIT);
        account(tail.load(records));
        if (tail.inexact()) {
          throw new IllegalStateException("a reaction cannot be applied exactly");
        }
        if (records.size() < HistoryQuery.MAX_LIMIT) {
          break;
        }
        cursor = records.get(records.size() - 1).seq();
      }
      account(tail.goLive(nanos.getAsLong()));
      if (tail.inexact()) {
        throw new IllegalStateException("a reaction cannot be applied exactly");
      }
      loads.increment();
    } catch (RuntimeException e) {
      LOG.debug("Room {}: history tail not loaded; reading the store", roomId, e);
      forgetThis(tail);
    } finally {
      tail.loaded.complete(null);
    }
    enforceBound();
  }

  /** Adds a tail's size change to the total. */
  private void account(long delta) {
    if (delta != 0) {
      bytes.addAndGet(delta);
    }
  }

  /** Drops least recently read tails while the estimated size is above the bound. */
  private void enforceBound() {
    while (bytes.get() > maxBytes) {
      Tail eldest;
      synchronized (tails) {
        Iterator<Tail> it = tails.values().iterator();
        if (!it.hasNext()) {
          return;
        }
        eldest = it.next();
        it.remove();
      }
      evictions.increment();
      drop(eldest);
    }
  }

  private void forgetThis(Tail tail) {
    synchronized (tails) {
      tails.remove(tail.roomId, tail);
    }
    drop(tail);
  }

  private void drop(Tail tail) {
    account(-tail.kill());
    Subscription subscription = tail.subscription;
    if (subscription != null) {
      subscription.close();
    }
  }

  /** Estimated heap size of a record: its strings, metadata and reactions plus an overhead. */
  static long size(ChatMessage m) {
    long chars =
        m.id().length()
            + m.sender().length()
            + m.content().length()
            + m.clientMsgId().length()
            + m.targetId().length()
            + m.replyTo().length();
    long size = 240 + 2 * chars;
    if (!m.metadata().isEmpty()) {
      size += 64L * m.metadata().size() + 2L * m.metadata().toString().length();
    }
    for (Map.Entry<String, io.chatstack.core.Reaction> e : m.reactions().entrySet()) {
      size += 64 + 2L * e.getKey().length();
      for (String user : e.getValue().users()) {
        size += 48 + 2L * user.length();
      }
    }
    return size;
  }

  /** One room's tail; also the bus listener that feeds it. */
  private final class Tail implements MessageListener {
    final long roomId;
    final CompletableFuture<Void> loaded = new CompletableFuture<>();
    volatile Subscription subscription;

    // Guarded by this.
    private final NavigableMap<Long, ChatMessage> bySeq = new TreeMap<>();
    private final Map<String, Long> seqById = new HashMap<>();
    private List<ChatMessage> pending = new ArrayList<>();
    private boolean live;
    private boolean dead;
    private long floor;
    private boolean olderMessages;
    private boolean olderRecords;
    private boolean inexact;
    private long size;
    private long loadedAt;

    Tail(long roomId) {
      this.roomId = roomId;
    }

    @Override
    public void onMessage(ChatMessage message) {
      long delta;
      boolean exact;
      synchronized (this) {
        if (dead) {
          return;
        }
        if (!live) {
          pending.add(message);
          return;
        }
        delta = add(message);
        exact = !inexact;
      }
      account(delta);
      if (!exact) {
        forgetThis(this);
      } else if (delta > 0) {
        enforceBound();
      }
    }

    /** Sets where the loaded records start; returns the size change (the room's overhead). */
    synchronized long begin(long floorSeq, boolean older) {
      floor = floorSeq;
      olderMessages = older;
      olderRecords = older;
      size += ROOM_OVERHEAD;
      return ROOM_OVERHEAD;
    }

    /** Adds loaded records; returns the size change. */
    synchronized long load(List<ChatMessage> records) {
      long delta = 0;
      for (ChatMessage m : records) {
        delta += add(m);
      }
      return delta;
    }

    /** Whether a reaction could not be applied exactly (the tail must be dropped). */
    synchronized boolean inexact() {
      return inexact;
    }

    /** Adds what arrived while loading and delivers from then on; returns the size change. */
    synchronized long goLive(long now) {
      long delta = load(pending);
      pending = List.of();
      live = true;
      loadedAt = now;
      return delta;
    }

    boolean awaitLoaded(Duration wait) {
      try {
        loaded.get(wait.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (ExecutionException | TimeoutException e) {
        return false;
      }
      synchronized (this) {
        return live && !dead;
      }
    }

    synchronized boolean expired(long now) {
      return live && now - loadedAt > maxAgeNanos;
    }

    /** Marks the tail dropped; returns its size (to subtract). */
    synchronized long kill() {
      if (dead) {
        return 0;
      }
      dead = true;
      long was = size;
      bySeq.clear();
      seqById.clear();
      pending = List.of();
      size = 0;
      return was;
    }

    /**
     * Adds one record in seq order (a repeat or one below the floor changes nothing) and applies a
     * change record to its target; returns the size change. A reaction that cannot be applied
     * exactly marks the tail {@link #inexact}.
     */
    private long add(ChatMessage m) {
      if (m.seq() < floor || bySeq.containsKey(m.seq())) {
        return 0;
      }
      long before = size;
      put(m);
      if (m.isChange()) {
        Long targetSeq = seqById.get(m.targetId());
        ChatMessage target = targetSeq == null ? null : bySeq.get(targetSeq);
        if (target != null && CurrentState.applies(target, m)) {
          Optional<Map<String, Set<String>>> users = CurrentState.reactionUsers(target);
          if (users.isPresent()) {
            put(CurrentState.applied(target, m, users.get()));
          } else {
            inexact = true;
          }
        }
      } else {
        seqById.put(m.id(), m.seq());
      }
      while (bySeq.size() > recordsPerRoom) {
        ChatMessage oldest = bySeq.pollFirstEntry().getValue();
        size -= size(oldest);
        floor = oldest.seq() + 1;
        olderRecords = true;
        if (!oldest.isChange()) {
          seqById.remove(oldest.id());
          olderMessages = true;
        }
      }
      return size - before;
    }

    private void put(ChatMessage m) {
      ChatMessage old = bySeq.put(m.seq(), m);
      if (old != null) {
        size -= size(old);
      }
      size += size(m);
    }

    synchronized Optional<HistoryPage> page(HistoryQuery query) {
      if (!live || dead) {
        return Optional.empty();
      }
      int limit = query.limit();
      List<ChatMessage> found = new ArrayList<>(limit + 1);
      boolean before = query.direction() == HistoryQuery.Direction.BEFORE;
      if (!before && query.cursor() + 1 < floor && olderMessages) {
        return Optional.empty();
      }
      NavigableMap<Long, ChatMessage> range =
          before
              ? bySeq.headMap(query.cursor(), false).descendingMap()
              : bySeq.tailMap(query.cursor(), false);
      for (ChatMessage m : range.values()) {
        if (!m.isChange()) {
          found.add(m);
          if (found.size() > limit) {
            break;
          }
        }
      }
      boolean more = found.size() > limit;
      if (more) {
        found.remove(limit);
      } else if (before && olderMessages) {
        if (found.size() < limit) {
          return Optional.empty();
        }
        more = true;
      }
      if (before) {
        Collections.reverse(found);
      }
      return Optional.of(new HistoryPage(found, more));
    }

    synchronized Optional<List<ChatMessage>> since(long afterSeq, int limit) {
      if (!live || dead || (afterSeq + 1 < floor && olderRecords)) {
        return Optional.empty();
      }
      int max = Math.min(limit, HistoryQuery.MAX_LIMIT);
      List<ChatMessage> found = new ArrayList<>(Math.min(max, bySeq.size()));
      for (ChatMessage m : bySeq.tailMap(afterSeq, false).values()) {
        found.add(m);
        if (found.size() == max) {
          break;
        }
      }
      return Optional.of(found);
    }
  }
}
