package io.chatstack.core;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A chat room: an immutable snapshot of its state when it was read.
 *
 * <p>Thread-safe (immutable). {@code participants} is sorted and unmodifiable.
 *
 * @param id unique id, assigned by the {@link RoomRepository}
 * @param name display name; not unique
 * @param createdBy user who created the room (also its first participant)
 * @param createdAt creation time, UTC
 * @param participants user names of the current participants
 */
public record Room(
    long id, String name, String createdBy, Instant createdAt, Set<String> participants) {

  public Room {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
    participants =
        Collections.unmodifiableSet(
            new TreeSet<>(Objects.requireNonNull(participants, "participants")));
  }

  /** Whether {@code username} is currently a participant. */
  public boolean hasParticipant(String username) {
    return participants.contains(username);
  }
}
