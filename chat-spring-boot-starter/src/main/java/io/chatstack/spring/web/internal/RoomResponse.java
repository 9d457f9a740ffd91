package io.chatstack.spring.web.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.chatstack.core.Room;
import io.chatstack.core.RoomRole;
import io.chatstack.core.RoomVisibility;
import java.time.Instant;
import java.util.List;

/**
 * One room as the REST API answers it: its first 1,000 participants by name (seed-compatible) and
 * how many it has. Thread-safe (immutable).
 *
 * @param id room id
 * @param name display name
 * @param createdBy creator
 * @param createdAt creation time, UTC
 * @param visibility PUBLIC, PRIVATE or DIRECT
 * @param participants the first {@value #MAX_LISTED} participants, ascending
 * @param participantCount how many participants it has
 * @param role the caller's role in the room, absent when the caller is not a participant (or names
 *     nobody, dev mode)
 */
record RoomResponse(
    long id,
    String name,
    String createdBy,
    Instant createdAt,
    RoomVisibility visibility,
    List<String> participants,
    int participantCount,
    @JsonInclude(JsonInclude.Include.NON_NULL) RoomRole role) {
  static final int MAX_LISTED = 1000;

  /** The room as someone who is not a participant sees it (no role). */
  static RoomResponse of(Room room) {
    return of(room, null);
  }

  /** The room with {@code caller}'s role (none when null or not a participant). */
  static RoomResponse of(Room room, String caller) {
    return new RoomResponse(
        room.id(),
        room.name(),
        room.createdBy(),
        room.createdAt(),
        room.visibility(),
        room.participants().stream().limit(MAX_LISTED).toList(),
        room.participantCount(),
        caller == null ? null : room.role(caller).orElse(null));
  }
}
