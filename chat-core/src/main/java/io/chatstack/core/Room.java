package io.chatstack.core;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A chat room with all its participants: an immutable snapshot of its state when it was read. Lists
 * of rooms and room events carry the smaller {@link RoomSummary} instead.
 *
 * <p>Thread-safe (immutable). {@code participants} is sorted and unmodifiable.
 *
 * @param id unique id, assigned by the {@link RoomRepository}
 * @param name display name; not unique
 * @param createdBy user who created the room (also its first participant)
 * @param createdAt creation time, UTC
 * @param participants user names of the current participants
 * @param visibility who can see and join it
 */
public record Room(
    long id,
    String name,
    String createdBy,
    Instant createdAt,
    Set<String> participants,
    RoomVisibility visibility) {

  public Room {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(visibility, "visibility");
    participants =
        Collections.unmodifiableSet(
            new TreeSet<>(Objects.requireNonNull(participants, "participants")));
  }

  /** A {@link RoomVisibility#PUBLIC} room. */
  public Room(long id, String name, String createdBy, Instant createdAt, Set<String> participants) {
    this(id, name, createdBy, createdAt, participants, RoomVisibility.PUBLIC);
  }

  /** Whether {@code username} is currently a participant. */
  public boolean hasParticipant(String username) {
    return participants.contains(username);
  }

  /** How many participants it has. */
  public int participantCount() {
    return participants.size();
  }

  /** The room without its member list. */
  public RoomSummary summary() {
    return new RoomSummary(id, name, createdBy, createdAt, visibility, participants.size());
  }
}
