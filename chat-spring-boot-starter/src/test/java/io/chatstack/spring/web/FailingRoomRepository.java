package io.chatstack.spring.web;

import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.DirectRoom;
import io.chatstack.core.Room;
import io.chatstack.core.RoomRepository;
import io.chatstack.core.RoomSummary;
import io.chatstack.core.RoomVisibility;
import io.chatstack.memory.InMemoryRoomRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * In-memory rooms, except that listing a user's rooms fails as a database would: an outage for user
 * {@code outage} (with SQL in the message), a bug for user {@code bug}.
 */
final class FailingRoomRepository implements RoomRepository {
  private final InMemoryRoomRepository rooms = new InMemoryRoomRepository();

  @Override
  public List<RoomSummary> findByParticipant(String username) {
    if (username.equals("outage")) {
      throw new ChatUnavailableException(
          "SQLTransientConnectionException: SELECT r.* FROM chat_rooms r WHERE password='x'");
    }
    if (username.equals("bug")) {
      throw new IllegalStateException("NullPointerException at io.chatstack.jdbi.Rooms SQL");
    }
    return rooms.findByParticipant(username);
  }

  @Override
  public Room create(String name, String createdBy, Instant createdAt, RoomVisibility visibility) {
    return rooms.create(name, createdBy, createdAt, visibility);
  }

  @Override
  public DirectRoom findOrCreateDirect(String a, String b, String name, Instant createdAt) {
    return rooms.findOrCreateDirect(a, b, name, createdAt);
  }

  @Override
  public Optional<Room> findById(long roomId) {
    return rooms.findById(roomId);
  }

  @Override
  public Optional<RoomSummary> findSummary(long roomId) {
    return rooms.findSummary(roomId);
  }

  @Override
  public List<RoomSummary> findAll() {
    return rooms.findAll();
  }

  @Override
  public List<RoomSummary> findVisibleTo(String username) {
    return rooms.findVisibleTo(username);
  }

  @Override
  public List<String> participants(long roomId, String after, int limit) {
    return rooms.participants(roomId, after, limit);
  }

  @Override
  public boolean addParticipant(long roomId, String username) {
    return rooms.addParticipant(roomId, username);
  }

  @Override
  public boolean removeParticipant(long roomId, String username) {
    return rooms.removeParticipant(roomId, username);
  }

  @Override
  public boolean lift(long roomId, String username, io.chatstack.core.Restriction.Kind kind) {
    return rooms.lift(roomId, username, kind);
  }

  @Override
  public List<io.chatstack.core.Participant> participantPage(long roomId, String after, int limit) {
    return rooms.participantPage(roomId, after, limit);
  }

  @Override
  public boolean setModerator(long roomId, String username, boolean moderator) {
    return rooms.setModerator(roomId, username, moderator);
  }

  @Override
  public void rename(long roomId, String name) {
    rooms.rename(roomId, name);
  }

  @Override
  public boolean delete(long roomId) {
    return rooms.delete(roomId);
  }

  @Override
  public void restrict(long roomId, io.chatstack.core.Restriction restriction) {
    rooms.restrict(roomId, restriction);
  }
}
