package io.chatstack.core.internal;

import io.chatstack.core.Room;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * its ttl: if the reload has not finished by then, the caller loads it as without refresh. Thread-
 * safe.
 */
public final class RoomCache {
  private static final Logger LOG = LoggerFactory.getLogger(RoomCache.class);

  private final long ttlNanos;
  private final long refreshNanos;
  private final Executor refresher;
  private final LongSupplier clock;
  private final Map<Long, Cached> entries;
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

  /** The cached room, or what {@code loader} returns (kept unless invalidated meanwhile). */
  public Room get(long roomId, LongFunction<Room> loader) {
    if (ttlNanos <= 0) {
      return loader.apply(roomId);
    }
    long seen;
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

  /** Forgets the room; loads in flight are not kept either. */
  public synchronized void invalidate(long roomId) {
    invalidations++;
    entries.remove(roomId);
  }

  private record Cached(Room room, long loadedAt, boolean refreshing) {
    Cached markRefreshing() {
      return new Cached(room, loadedAt, true);
    }
  }
}
