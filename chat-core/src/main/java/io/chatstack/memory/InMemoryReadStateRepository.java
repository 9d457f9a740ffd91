package io.chatstack.memory;

import io.chatstack.core.ReadState;
import io.chatstack.core.ReadStateRepository;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ReadStateRepository} in a map; lost at exit. Thread-safe. */
public final class InMemoryReadStateRepository implements ReadStateRepository {
  private final Map<String, Map<Long, Long>> byUser = new ConcurrentHashMap<>();

  /** An empty repository. */
  public InMemoryReadStateRepository() {}

  @Override
  public long advance(long roomId, String username, long seq) {
    Objects.requireNonNull(username, "username");
    return byUser
        .computeIfAbsent(username, u -> new ConcurrentHashMap<>())
        .merge(roomId, Math.max(seq, ReadState.NOTHING_READ), Math::max);
  }

  @Override
  public long find(long roomId, String username) {
    Map<Long, Long> rooms = byUser.get(username);
    Long seq = rooms == null ? null : rooms.get(roomId);
    return seq == null ? ReadState.NOTHING_READ : seq;
  }

  @Override
  public Map<Long, Long> findAll(String username) {
    Map<Long, Long> rooms = byUser.get(username);
    return rooms == null ? Map.of() : new TreeMap<>(rooms);
  }
}
