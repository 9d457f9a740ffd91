package io.chatstack.spring.web.internal;

import io.chatstack.core.ReadState;
import io.chatstack.core.RoomRole;
import io.chatstack.core.RoomSummary;
import io.chatstack.core.RoomVisibility;
import java.time.Instant;

/**
 * One room of {@code GET /api/rooms/user/{username}}: the fields of a {@link RoomSummary} and the
 * user's read state in it. Thread-safe (immutable).
 *
 * @param id room id
 * @param name display name
 * @param createdBy creator
 * @param createdAt creation time, UTC
 * @param visibility PUBLIC, PRIVATE or DIRECT
 * @param participantCount how many participants it has
 * @param lastReadSeq the highest seq the user has read, {@value ReadState#NOTHING_READ} when none
 * @param unreadCount chat messages from others with a seq above {@code lastReadSeq}
 * @param role the user's role in the room
 */
record RoomListEntry(
    long id,
    String name,
    String createdBy,
    Instant createdAt,
    RoomVisibility visibility,
    int participantCount,
    long lastReadSeq,
    long unreadCount,
    RoomRole role) {

  static RoomListEntry of(RoomSummary room, ReadState state, RoomRole role) {
    return new RoomListEntry(
        room.id(),
        room.name(),
        room.createdBy(),
        room.createdAt(),
        room.visibility(),
        room.participantCount(),
        state.lastReadSeq(),
        state.unreadCount(),
        role);
  }
}
