package io.chatstack.core;

import java.util.List;

/**
 * The online participants of a room at one moment.
 *
 * @param roomId the room
 * @param online names, sorted, at most {@link #MAX_NAMES}
 * @param count exact number of online participants
 */
public record PresenceSnapshot(long roomId, List<String> online, int count) {
  /** Most names a snapshot lists; {@code count} stays exact beyond it. */
  public static final int MAX_NAMES = 500;

  /** Copies {@code online}. */
  public PresenceSnapshot {
    online = List.copyOf(online);
  }
}
