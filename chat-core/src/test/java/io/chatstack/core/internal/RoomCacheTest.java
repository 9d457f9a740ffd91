package io.chatstack.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.Room;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RoomCacheTest {
  private final AtomicInteger loads = new AtomicInteger();

  private Room load(long id) {
    loads.incrementAndGet();
    return new Room(id, "r" + id, "alice", Instant.EPOCH, Set.of("alice"));
  }

  @Test
  void aCachedRoomIsServedWithoutLoadingAgainUntilInvalidated() {
    RoomCache cache = new RoomCache(10, Duration.ofMinutes(1));
    Room first = cache.get(1, this::load);
    assertThat(cache.get(1, this::load)).isSameAs(first);
    assertThat(loads).hasValue(1);
    cache.invalidate(1);
    assertThat(cache.get(1, this::load)).isNotSameAs(first);
    assertThat(loads).hasValue(2);
  }

  @Test
  void aLoadThatRacedAnInvalidationIsNotKept() {
    RoomCache cache = new RoomCache(10, Duration.ofMinutes(1));
    cache.get(
        1,
        id -> {
          cache.invalidate(1); // a room event arrives while the repository is being read
          return load(id);
        });
    cache.get(1, this::load);
    assertThat(loads).hasValue(2);
  }

  @Test
  void theLeastRecentlyUsedRoomIsDroppedBeyondTheCapacity() {
    RoomCache cache = new RoomCache(2, Duration.ofMinutes(1));
    cache.get(1, this::load);
    cache.get(2, this::load);
    cache.get(1, this::load);
    cache.get(3, this::load); // drops room 2
    assertThat(loads).hasValue(3);
    cache.get(1, this::load);
    cache.get(2, this::load);
    assertThat(loads).hasValue(4);
  }

  @Test
  void aZeroTtlDisablesCaching() {
    RoomCache cache = new RoomCache(10, Duration.ZERO);
    cache.get(1, this::load);
    cache.get(1, this::load);
    assertThat(loads).hasValue(2);
  }
}
