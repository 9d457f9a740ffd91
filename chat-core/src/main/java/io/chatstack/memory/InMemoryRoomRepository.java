package io.chatstack.memory;

import io.chatstack.core.Room;
import io.chatstack.core.RoomNotFoundException;
import io.chatstack.core.RoomRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link RoomRepository} kept in this JVM's memory; the default. Thread-safe; each room is locked
 * on its own, so different rooms never contend. Contents are lost when the process ends.
 */
public final class InMemoryRoomRepository implements RoomRepository {
  private final ConcurrentSkipListMap<Long, State> rooms = new ConcurrentSkipListMap<>();
  private final AtomicLong ids = new AtomicLong();

  @Override
  public Room create(String name, String createdBy, Instant createdAt) {
    State state = new State(ids.incrementAndGet(), name, createdBy, createdAt);
    state.participants.add(createdBy);
    rooms.put(state.id, state);
    return state.snapshot();
  }

  @Override
  public Optional<Room> findById(long roomId) {
    return Optional.ofNullable(rooms.get(roomId)).map(State::snapshot);
  }

  @Override
  public List<Room> findAll() {
    return rooms.values().stream().map(State::snapshot).toList();
  }

  @Override
  public List<Room> findByParticipant(String username) {
    return rooms.values().stream()
        .map(State::snapshot)
        .filter(r -> r.hasParticipant(username))
        .toList();
  }

  @Override
  public boolean addParticipant(long roomId, String username) {
    State state = require(roomId);
    synchronized (state) {
      return state.participants.add(username);
    }
  }

  @Override
  public boolean removeParticipant(long roomId, String username) {
    State state = require(roomId);
    synchronized (state) {
      return state.participants.remove(username);
    }
  }

  private State require(long roomId) {
    State state = rooms.get(roomId);
    if (state == null) {
      throw new RoomNotFoundException(roomId);
    }
    return state;
  }

  private static final class State {
    final long id;
    final String name;
    final String createdBy;
    final Instant createdAt;
    final Set<String> participants = new TreeSet<>();

    State(long id, String name, String createdBy, Instant createdAt) {
      this.id = id;
      this.name = name;
      this.createdBy = createdBy;
      this.createdAt = createdAt;
    }

    synchronized Room snapshot() {
      return new Room(id, name, createdBy, createdAt, participants);
    }
  }
}
