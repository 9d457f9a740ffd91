package io.chatstack.core;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
 * @param moderators participants with the role {@link RoomRole#MODERATOR} (sorted, unmodifiable)
 * @param restrictions bans and mutes by user name, including ended ones that were not lifted (ask
 *     {@link #bannedAt} and {@link #mutedAt}); unmodifiable
 */
public record Room(
    long id,
    String name,
    String createdBy,
    Instant createdAt,
    Set<String> participants,
    RoomVisibility visibility,
    Set<String> moderators,
    Map<String, Map<Restriction.Kind, Restriction>> restrictions) {

  public Room {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(visibility, "visibility");
    participants =
        Collections.unmodifiableSet(
            new TreeSet<>(Objects.requireNonNull(participants, "participants")));
    moderators =
        Collections.unmodifiableSet(
            new TreeSet<>(Objects.requireNonNull(moderators, "moderators")));
    TreeMap<String, Map<Restriction.Kind, Restriction>> copy = new TreeMap<>();
    Objects.requireNonNull(restrictions, "restrictions")
        .forEach((user, byKind) -> copy.put(user, Map.copyOf(byKind)));
    restrictions = Collections.unmodifiableMap(copy);
  }

  /** A room without moderators or restrictions. */
  public Room(
      long id,
      String name,
      String createdBy,
      Instant createdAt,
      Set<String> participants,
      RoomVisibility visibility) {
    this(id, name, createdBy, createdAt, participants, visibility, Set.of(), Map.of());
  }

  /** A {@link RoomVisibility#PUBLIC} room. */
  public Room(long id, String name, String createdBy, Instant createdAt, Set<String> participants) {
    this(id, name, createdBy, createdAt, participants, RoomVisibility.PUBLIC);
  }

  /** Whether {@code username} is currently a participant. */
  public boolean hasParticipant(String username) {
    return participants.contains(username);
  }

  /**
   * The role of {@code username}, or empty when they are not a participant. In direct rooms every
   * participant is a {@link RoomRole#MEMBER}.
   */
  public Optional<RoomRole> role(String username) {
    if (!participants.contains(username)) {
      return Optional.empty();
    }
    if (visibility == RoomVisibility.DIRECT) {
      return Optional.of(RoomRole.MEMBER);
    }
    if (createdBy.equals(username)) {
      return Optional.of(RoomRole.OWNER);
    }
    return Optional.of(moderators.contains(username) ? RoomRole.MODERATOR : RoomRole.MEMBER);
  }

  /** The ban of {@code username} in force at {@code now}, if any. */
  public Optional<Restriction> bannedAt(String username, Instant now) {
    return restriction(username, Restriction.Kind.BAN, now);
  }

  /** The mute of {@code username} in force at {@code now}, if any. */
  public Optional<Restriction> mutedAt(String username, Instant now) {
    return restriction(username, Restriction.Kind.MUTE, now);
  }

  private Optional<Restriction> restriction(String username, Restriction.Kind kind, Instant now) {
    Map<Restriction.Kind, Restriction> byKind = restrictions.get(username);
    return byKind == null
        ? Optional.empty()
        : Optional.ofNullable(byKind.get(kind)).filter(r -> r.activeAt(now));
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
