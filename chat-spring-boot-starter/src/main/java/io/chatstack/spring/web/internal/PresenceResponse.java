package io.chatstack.spring.web.internal;

import io.chatstack.core.PresenceSnapshot;
import java.util.List;

/**
 * The online participants of a room, as {@code GET /api/rooms/{id}/presence} answers it.
 * Thread-safe (immutable).
 *
 * @param roomId the room
 * @param online names, sorted, at most {@value PresenceSnapshot#MAX_NAMES}
 * @param count exact number of online participants
 */
record PresenceResponse(long roomId, List<String> online, int count) {
  static PresenceResponse of(PresenceSnapshot snapshot) {
    return new PresenceResponse(snapshot.roomId(), snapshot.online(), snapshot.count());
  }
}
