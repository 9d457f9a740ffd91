package io.chatstack.core.internal;

import io.chatstack.core.Room;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recently read rooms, so the membership check of every send does not cost a database query.
 * Bounded (least recently used rooms are dropped beyond the capacity); an entry lives at most
 * {@code ttl} and is dropped at once when {@link #invalidate(long)} is called for its room (the
 * service does that for its own changes and for every room event from any node). A load that raced
 * an invalidation is not kept. A zero ttl disables caching.
 *
 * <p>Refresh ahead: a room used when its entry is older than three quarters of the ttl is served
 * from the cache and reloaded on the {@code refresher}, so a room in steady use is not reloaded on
 * the caller's thread (the inbound thread of a send) every ttl. An entry is still never used beyond
 * its ttl: if the reload has not finished by then, the caller loads it as without refresh. Misses
 * of one room share one load ({@link #get}). Thread-safe.
 */
public final class RoomCache {
  private static final Logger LOG = LoggerFactory.getLogger(RoomCache.class);

  private final long ttlNanos;
  private final long refreshNanos;
  private final Executor refresher;
  private final LongSupplier clock;
  private final Map<Long, Cached> entries;
  private final Map<Long, CompletableFuture<Room>> loading = new HashMap<>();
  private long invalidations;

  /** A cache without refresh ahead. */
  public RoomCache(int capacity, Duration ttl) {
    this(capacity, ttl, Runnable::run, System::nanoTime, false);
  }

  /** A cache that reloads rooms in steady use on {@code refresher} before their ttl ends. */
  public RoomCache(int capacity, Duration ttl, Executor refresher) {
    this(capacity, ttl, refresher, System::nanoTime, true);
  }

  RoomCache(int capacity, Duration ttl, Executor refresher, LongSupplier clock, boolean ahead) {
    this.ttlNanos = ttl.toNanos();
    this.refreshNanos = ahead ? ttlNanos - ttlNanos / 4 : Long.MAX_VALUE;
    this.refresher = refresher;
    this.clock = clock;
    this.entries =
        new LinkedHashMap<>(64, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, Cached> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * The cached room, or what {@code loader} returns (kept unless invalidated meanwhile). Callers
   * that miss while the room is already being loaded for another miss wait for that load instead of
   * starting their own (one read of a 10,000-member room, not one per subscriber of a storm),
   * unless the room was invalidated since that load started.
   */
  public Room get(long roomId, LongFunction<Room> loader) {
    if (ttlNanos <= 0) {
      return loader.apply(roomId);
    }
    long seen;
    CompletableFuture<Room> flight;
    synchronized (this) {
      Cached entry = entries.get(roomId);
      long age = entry == null ? Long.MAX_VALUE : clock.getAsLong() - entry.loadedAt;
      if (age < ttlNanos) {
        if (age >= refreshNanos && !entry.refreshing) {
          entries.put(roomId, entry.markRefreshing());
          refresh(roomId, loader, invalidations);
        }
        return entry.room;
      }
      CompletableFuture<Room> running = loading.get(roomId);
      if (running != null) {
        flight = running;
        seen = -1;
      } else {
        flight = new CompletableFuture<>();
        loading.put(roomId, flight);
        seen = invalidations;
      }
    }
    return seen < 0 ? await(flight) : loadFor(roomId, loader, seen, flight);
  }

  private Room loadFor(
      long roomId, LongFunction<Room> loader, long seen, CompletableFuture<Room> flight) {
    // The flight leaves the map before it completes: a caller that misses once this load has
    // ended, failed or not, starts a load of its own instead of joining a finished one (it would
    // get this load's failure again).
    Room room;
    try {
      room = load(roomId, loader, seen);
    } catch (RuntimeException | Error e) {
      landed(roomId, flight);
      flight.completeExceptionally(e);
      throw e;
    }
    landed(roomId, flight);
    flight.complete(room);
    return room;
  }

  private synchronized void landed(long roomId, CompletableFuture<Room> flight) {
    loading.remove(roomId, flight);
  }

  private static Room await(CompletableFuture<Room> flight) {
    try {
      return flight.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error r) {
        throw r;
      }
      throw e;
    }
  }

  /**
   * Reads the room afresh with {@code loader} and keeps what it read (unless invalidated
   * meanwhile), for a check that refused the cached entry: a room whose cached entry lags behind
   * the repository (members who joined on another node before its room event arrived) is read once,
   * not once per check, so a storm of subscriptions to a large room does not read every member row
   * for each of them.
   */
  public Room reload(long roomId, LongFunction<Room> loader) {
    if (ttlNanos <= 0) {
      return loader.apply(roomId);
    }
    long seen;
    synchronized (this) {
      seen = invalidations;
    }
    return load(roomId, loader, seen);
  }

  private Room load(long roomId, LongFunction<Room> loader, long seen) {
    long loadedAt = clock.getAsLong();
    Room room = loader.apply(roomId);
    synchronized (this) {
      if (invalidations == seen) {
        entries.put(roomId, new Cached(room, loadedAt, false));
      }
    }
    return room;
  }

  /** Called holding the lock: submits the reload; a refused or failed one leaves the entry. */
  private void refresh(long roomId, LongFunction<Room> loader, long seen) {
    try {
      refresher.execute(
          () -> {
            try {
              load(roomId, loader, seen);
            } catch (RuntimeException e) {
              LOG.debug("Refreshing room {} failed; it is loaded when next used", roomId, e);
            }
          });
    } catch (RejectedExecutionException e) {
      LOG.debug("Refreshing room {} refused; it is loaded when next used", roomId, e);
    }
  }

  /**
   * Forgets the room; loads in flight are not kept either, and later misses do not wait for them.
   */
  public synchronized void invalidate(long roomId) {
    invalidations++;
    entries.remove(roomId);
    loading.remove(roomId);
  }

  /** Rooms held now (for tests). */
  synchronized int size() {
    return entries.size();
  }

  private record Cached(Room room, long loadedAt, boolean refreshing) {
    Cached markRefreshing() {
      return new Cached(room, loadedAt, true);
    }
  }
}
