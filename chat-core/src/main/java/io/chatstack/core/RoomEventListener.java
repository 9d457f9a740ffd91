package io.chatstack.core;

/**
 * Receives room-list changes. Same threading rules as {@link MessageListener}: called on the bus's
 * delivery thread, must not block.
 */
@FunctionalInterface
public interface RoomEventListener {
  /** One change of the room list. */
  void onRoomEvent(RoomEvent event);
}
