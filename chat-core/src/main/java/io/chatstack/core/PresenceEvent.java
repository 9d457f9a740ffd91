package io.chatstack.core;

import java.util.List;
import java.util.Objects;

/**
 * A change of a room's presence, or the snapshot that starts a subscription.
 *
 * @param type what happened
 * @param roomId the room
 * @param user who came or went; empty for a snapshot
 * @param online the snapshot's names (sorted, capped at {@link PresenceSnapshot#MAX_NAMES}); empty
 *     otherwise
 * @param count online participants after the event, exact
 */
public record PresenceEvent(Type type, long roomId, String user, List<String> online, int count) {

  /** Kind of presence event. */
  public enum Type {
    SNAPSHOT,
    ONLINE,
    OFFLINE
  }

  /** Copies {@code online}. */
  public PresenceEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(user, "user");
    online = List.copyOf(online);
  }

  /** The snapshot event of {@code snapshot}. */
  public static PresenceEvent snapshot(PresenceSnapshot snapshot) {
    return new PresenceEvent(
        Type.SNAPSHOT, snapshot.roomId(), "", snapshot.online(), snapshot.count());
  }
}
