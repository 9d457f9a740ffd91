package io.chatstack.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A room without its member list, as room lists and room events carry it: its size is O(1) whatever
 * the number of participants. Thread-safe (immutable).
 *
 * @param id unique id
 * @param name display name; not unique
 * @param createdBy user who created the room
 * @param createdAt creation time, UTC
 * @param visibility who can see and join it
 * @param participantCount how many participants it has
 */
public record RoomSummary(
    long id,
    String name,
    String createdBy,
    Instant createdAt,
    RoomVisibility visibility,
    int participantCount) {

  public RoomSummary {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(visibility, "visibility");
    if (participantCount < 0) {
      throw new IllegalArgumentException("participantCount must not be negative");
    }
  }
}
