package io.chatstack.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: where rooms and their participants are kept.
 *
 * <p>Implementations are thread-safe. Inputs are validated by {@link ChatService} before they reach
 * the repository; names and user names are stored verbatim. Removing the last participant keeps the
 * room (an empty room stays listed and can be joined again). Backing-store failures surface as
 * {@link ChatUnavailableException}; the next call may succeed.
 */
public interface RoomRepository {

  /** Creates a room with {@code createdBy} as its only participant; ids are positive and unique. */
  Room create(String name, String createdBy, Instant createdAt);

  /** The room, or empty when no room has this id. */
  Optional<Room> findById(long roomId);

  /** All rooms, ordered by id. */
  List<Room> findAll();

  /** Rooms that {@code username} participates in, ordered by id. */
  List<Room> findByParticipant(String username);

  /**
   * Adds a participant. Idempotent.
   *
   * @return true when the user was added, false when already a participant
   * @throws RoomNotFoundException when the room does not exist
   */
  boolean addParticipant(long roomId, String username);

  /**
   * Removes a participant. Idempotent.
   *
   * @return true when the user was removed, false when not a participant
   * @throws RoomNotFoundException when the room does not exist
   */
  boolean removeParticipant(long roomId, String username);
}
