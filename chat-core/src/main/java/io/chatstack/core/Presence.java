package io.chatstack.core;

import java.util.function.Consumer;

/**
 * Who is online, per room, across every node. A user is online while at least one of their
 * connections is open on any node; they go offline {@link SignalSettings#presenceGrace()} after
 * their last connection closes (a reconnect within the grace produces no event), or, when their
 * node dies, within grace + {@link SignalSettings#presenceLease()}. Presence is ephemeral: it
 * travels on the {@link SignalBus}, never in the message log or the store.
 *
 * <p>Obtain it from {@link ChatService#presence()}. Thread-safe. Listeners are called on a
 * chatstack signal thread, one event at a time per subscription; they must be quick.
 */
public interface Presence {

  /**
   * Marks one connection of {@code username} open on this node; closing the returned handle marks
   * it closed (idempotent). Three open connections count once.
   *
   * @throws InvalidUsernameException if the name is invalid
   */
  Subscription connected(String username);

  /**
   * The online participants of a room (names capped at {@link PresenceSnapshot#MAX_NAMES}, sorted;
   * {@code count} exact).
   *
   * @throws RoomNotFoundException if there is no such room
   */
  PresenceSnapshot snapshot(long roomId);

  /**
   * Follows a room's presence: the first event is a {@link PresenceEvent.Type#SNAPSHOT}, then
   * {@code ONLINE}/{@code OFFLINE} as participants come and go (joining or leaving the room while
   * online counts as coming and going). The caller checks that the subscriber may see the room.
   *
   * @throws RoomNotFoundException if there is no such room
   */
  Subscription subscribe(long roomId, Consumer<PresenceEvent> listener);
}
