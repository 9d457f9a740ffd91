package io.chatstack.memory;

import io.chatstack.core.DirectRoom;
import io.chatstack.core.Participant;
import io.chatstack.core.Restriction;
import io.chatstack.core.Room;
import io.chatstack.core.RoomNotFoundException;
import io.chatstack.core.RoomRepository;
import io.chatstack.core.RoomSummary;
import io.chatstack.core.RoomVisibility;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link RoomRepository} kept in this JVM's memory; the default. Thread-safe; each room is locked
 * on its own, so different rooms never contend. Contents are lost when the process ends.
 */
public final class InMemoryRoomRepository implements RoomRepository {
  private final ConcurrentSkipListMap<Long, State> rooms = new ConcurrentSkipListMap<>();
  private final Map<String, State> direct = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  @Override
  public Room create(String name, String createdBy, Instant createdAt, RoomVisibility visibility) {
    if (visibility == RoomVisibility.DIRECT) {
      throw new IllegalArgumentException("Direct rooms are made by findOrCreateDirect");
    }
    return add(name, createdBy, createdAt, Objects.requireNonNull(visibility, "visibility"))
        .snapshot();
  }

  @Override
  public DirectRoom findOrCreateDirect(
      String creator, String other, String name, Instant createdAt) {
    boolean[] created = {false};
    State state =
        direct.computeIfAbsent(
            DirectRoom.key(creator, other),
            key -> {
              created[0] = true;
              State s = add(name, creator, createdAt, RoomVisibility.DIRECT);
              synchronized (s) {
                s.participants.add(other);
              }
              return s;
            });
    return new DirectRoom(state.snapshot(), created[0]);
  }

  @Override
  public Optional<Room> findById(long roomId) {
    return Optional.ofNullable(rooms.get(roomId)).map(State::snapshot);
  }

  @Override
  public Optional<RoomSummary> findSummary(long roomId) {
    return Optional.ofNullable(rooms.get(roomId)).map(State::summary);
  }

  @Override
  public List<RoomSummary> findAll() {
    return rooms.values().stream().map(State::summary).toList();
  }

  @Override
  public List<RoomSummary> findVisibleTo(String username) {
    return rooms.values().stream()
        .filter(s -> s.visibility == RoomVisibility.PUBLIC || s.has(username))
        .map(State::summary)
        .toList();
  }

  @Override
  public List<RoomSummary> findByParticipant(String username) {
    return rooms.values().stream().filter(s -> s.has(username)).map(State::summary).toList();
  }

  @Override
  public List<String> participants(long roomId, String after, int limit) {
    State state = require(roomId);
    synchronized (state) {
      return state.participants.tailSet(after, false).stream().limit(limit).toList();
    }
  }

  @Override
  public boolean isParticipant(long roomId, String username) {
    Objects.requireNonNull(username, "username");
    State state = rooms.get(roomId);
    if (state == null) {
      return false;
    }
    synchronized (state) {
      return state.participants.contains(username);
    }
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
      state.moderators.remove(username);
      return state.participants.remove(username);
    }
  }

  @Override
  public List<Participant> participantPage(long roomId, String after, int limit) {
    State state = require(roomId);
    synchronized (state) {
      Room room = state.snapshot();
      return state.participants.tailSet(after, false).stream()
          .limit(limit)
          .map(u -> new Participant(u, room.role(u).orElseThrow()))
          .toList();
    }
  }

  @Override
  public boolean setModerator(long roomId, String username, boolean moderator) {
    State state = require(roomId);
    synchronized (state) {
      if (!state.participants.contains(username)) {
        return false;
      }
      if (moderator) {
        state.moderators.add(username);
      } else {
        state.moderators.remove(username);
      }
      return true;
    }
  }

  @Override
  public void rename(long roomId, String name) {
    State state = require(roomId);
    synchronized (state) {
      state.name = Objects.requireNonNull(name, "name");
    }
  }

  @Override
  public boolean delete(long roomId) {
    State state = rooms.remove(roomId);
    if (state == null) {
      return false;
    }
    direct.values().remove(state);
    return true;
  }

  @Override
  public void restrict(long roomId, Restriction restriction) {
    State state = require(roomId);
    synchronized (state) {
      state
          .restrictions
          .computeIfAbsent(restriction.username(), u -> new EnumMap<>(Restriction.Kind.class))
          .put(restriction.kind(), restriction);
    }
  }

  @Override
  public boolean lift(long roomId, String username, Restriction.Kind kind) {
    State state = require(roomId);
    synchronized (state) {
      Map<Restriction.Kind, Restriction> byKind = state.restrictions.get(username);
      if (byKind == null || byKind.remove(kind) == null) {
        return false;
      }
      if (byKind.isEmpty()) {
        state.restrictions.remove(username);
      }
      return true;
    }
  }

  private State add(String name, String createdBy, Instant createdAt, RoomVisibility visibility) {
    State state = new State(ids.incrementAndGet(), name, createdBy, createdAt, visibility);
    state.participants.add(createdBy);
    rooms.put(state.id, state);
    return state;
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
    String name;
    final String createdBy;
    final Instant createdAt;
    final RoomVisibility visibility;
    final TreeSet<String> participants = new TreeSet<>();
    final TreeSet<String> moderators = new TreeSet<>();
    final Map<String, Map<Restriction.Kind, Restriction>> restrictions = new HashMap<>();

    State(long id, String name, String createdBy, Instant createdAt, RoomVisibility visibility) {
      this.id = id;
      this.name = name;
      this.createdBy = createdBy;
      this.createdAt = createdAt;
      this.visibility = visibility;
    }

    synchronized boolean has(String username) {
      return participants.contains(username);
    }

    synchronized Room snapshot() {
      return new Room(
          id, name, createdBy, createdAt, participants, visibility, moderators, restrictions);
    }

    synchronized RoomSummary summary() {
      return new RoomSummary(id, name, createdBy, createdAt, visibility, participants.size());
    }
  }
}
