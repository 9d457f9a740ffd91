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
 * {@link ChatUnavailableException}; the next call may succeed. Access rules (who may see or join
 * which room) are not the repository's business: it stores what it is told.
 */
public interface RoomRepository {

  /**
   * Creates a {@link RoomVisibility#PUBLIC PUBLIC} or {@link RoomVisibility#PRIVATE PRIVATE} room
   * with {@code createdBy} as its only participant; ids are positive and unique.
   *
   * @throws IllegalArgumentException for {@link RoomVisibility#DIRECT} (use {@link
   *     #findOrCreateDirect})
   */
  Room create(String name, String createdBy, Instant createdAt, RoomVisibility visibility);

  /** Creates a public room; see {@link #create(String, String, Instant, RoomVisibility)}. */
  default Room create(String name, String createdBy, Instant createdAt) {
    return create(name, createdBy, createdAt, RoomVisibility.PUBLIC);
  }

  /**
   * The one {@link RoomVisibility#DIRECT DIRECT} room of two distinct users, created with both as
   * participants (and {@code name}, created by {@code creator}) when it does not exist. Atomic: of
   * any number of concurrent calls for the same pair, on any node, exactly one creates it and all
   * return the same room; the order of the two users does not matter.
   */
  DirectRoom findOrCreateDirect(String creator, String other, String name, Instant createdAt);

  /** The room with all its participants, or empty when no room has this id. */
  Optional<Room> findById(long roomId);

  /** The room without its member list (one count instead), or empty when no room has this id. */
  Optional<RoomSummary> findSummary(long roomId);

  /** All rooms, ordered by id. */
  List<RoomSummary> findAll();

  /** {@link RoomVisibility#PUBLIC} rooms and the rooms {@code username} is in, ordered by id. */
  List<RoomSummary> findVisibleTo(String username);

  /** Rooms that {@code username} participates in, ordered by id. */
  List<RoomSummary> findByParticipant(String username);

  /**
   * One page of the room's participants in ascending name order: at most {@code limit} names
   * greater than {@code after} (from the first when {@code after} is empty).
   *
   * @throws RoomNotFoundException when the room does not exist
   */
  List<String> participants(long roomId, String after, int limit);

  /**
   * Whether {@code username} is a participant of the room now, read from the store; false when the
   * room does not exist. Asked once per subscription (a fresh check after it is registered), so it
   * must not cost a read of the whole room: the default reads the room with {@link #findById};
   * implementations answer it with one row.
   */
  default boolean isParticipant(long roomId, String username) {
    return findById(roomId).map(room -> room.hasParticipant(username)).orElse(false);
  }

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

  /**
   * One page of the room's participants with their roles, in ascending name order, as {@link
   * #participants} pages names.
   *
   * @throws RoomNotFoundException when the room does not exist
   */
  List<Participant> participantPage(long roomId, String after, int limit);

  /**
   * Makes a participant a {@link RoomRole#MODERATOR} ({@code moderator} true) or a plain member.
   * The role ends when they stop being a participant. The owner is not stored: it is the room's
   * creator ({@link Room#role}).
   *
   * @return false when {@code username} is not a participant (nothing changed)
   * @throws RoomNotFoundException when the room does not exist
   */
  boolean setModerator(long roomId, String username, boolean moderator);

  /**
   * Gives the room a new name.
   *
   * @throws RoomNotFoundException when the room does not exist
   */
  void rename(long roomId, String name);

  /**
   * Deletes the room with its participants, roles and restrictions. Idempotent.
   *
   * @return false when there was no such room
   */
  boolean delete(long roomId);

  /**
   * Stores a ban or mute of {@code restriction.username()}, replacing one of the same kind.
   *
   * @throws RoomNotFoundException when the room does not exist
   */
  void restrict(long roomId, Restriction restriction);

  /**
   * Lifts the {@code kind} restriction of {@code username}. Idempotent.
   *
   * @return false when there was none
   * @throws RoomNotFoundException when the room does not exist
   */
  boolean lift(long roomId, String username, Restriction.Kind kind);
}
