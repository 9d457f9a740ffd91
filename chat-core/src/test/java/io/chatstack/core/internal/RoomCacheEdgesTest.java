package io.chatstack.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.Room;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoomCacheEdgesTest {
  private static Room room(long id, String... participants) {
    return new Room(id, "r" + id, "alice", Instant.EPOCH, Set.of(participants));
  }

  @Test
  void withCachingDisabledEveryGetAnswersWhatTheLoaderReadsNow() {
    RoomCache cache = new RoomCache(10, Duration.ZERO);
    assertThat(cache.get(1, id -> room(id, "alice")).participants()).containsExactly("alice");
    assertThat(cache.get(1, id -> room(id, "alice", "bob")).participants())
        .containsExactly("alice", "bob");
  }

  @Test
  void invalidatingOneRoomKeepsTheOthers() {
    RoomCache cache = new RoomCache(10, Duration.ofMinutes(1));
    Room one = cache.get(1, id -> room(id, "alice"));
    Room two = cache.get(2, id -> room(id, "alice"));
    cache.invalidate(1);
    assertThat(cache.get(2, id -> room(id, "bob"))).isSameAs(two);
    assertThat(cache.get(1, id -> room(id, "bob"))).isNotSameAs(one);
  }
}
