package io.chatstack.spring.web.internal;

import io.chatstack.core.ReadState;

/**
 * The caller's read state in one room, as {@code PUT /api/rooms/{id}/read} answers it. Thread-safe
 * (immutable).
 *
 * @param roomId the room
 * @param lastReadSeq the highest seq read, {@value ReadState#NOTHING_READ} when none
 * @param unreadCount chat messages from others with a seq above {@code lastReadSeq}
 */
record ReadStateResponse(long roomId, long lastReadSeq, long unreadCount) {
  static ReadStateResponse of(ReadState state) {
    return new ReadStateResponse(state.roomId(), state.lastReadSeq(), state.unreadCount());
  }
}
