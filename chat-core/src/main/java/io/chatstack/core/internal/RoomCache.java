package io.chatstack.core.internal;

import io.chatstack.core.Room;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Recently read rooms, so the membership check of every send does not cost a database query.
 * Bounded (least recently used rooms are dropped beyond the capacity); an entry lives at most
 * {@code ttl} and is dropped at once when {@link #invalidate(long)} is called for its room (the
 * service does that for its own changes and for every room event from any node). A load that raced
 * an invalidation is not kept. A zero ttl disables caching. Thread-safe.
 */
public final class RoomCache {
  private final long ttlNanos;
  private final Map<Long, Cached> entries;
  private long invalidations;

  public RoomCache(int capacity, Duration ttl) {
    this.ttlNanos = ttl.toNanos();
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
      if (entry != null && System.nanoTime() - entry.loadedAt < ttlNanos) {
        return entry.room;
      }
      seen = invalidations;
    }
    long loadedAt = System.nanoTime();
    Room room = loader.apply(roomId);
    synchronized (this) {
      if (invalidations == seen) {
        entries.put(roomId, new Cached(room, loadedAt));
      }
    }
    return room;
  }

  /** Forgets the room; loads in flight are not kept either. */
  public synchronized void invalidate(long roomId) {
    invalidations++;
    entries.remove(roomId);
  }

  private record Cached(Room room, long loadedAt) {}
}
