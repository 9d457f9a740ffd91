package io.chatstack.stomp;

/**
 * Where a SEND or SUBSCRIBE destination of the {@link StompDestinations} table points, as {@link
 * RouteParser} reads it. Thread-safe (immutable records).
 */
public sealed interface Route {
  /** SEND a chat message (or JOIN/LEAVE by type) to a room. */
  record SendToRoom(long roomId) implements Route {}

  /** SEND: join a room. */
  record Join(long roomId) implements Route {}

  /** SEND: leave a room. */
  record Leave(long roomId) implements Route {}

  /** SEND: create a room. */
  record CreateRoom() implements Route {}

  /** SEND: add another user to a room (an invitation). */
  record Invite(long roomId) implements Route {}

  /** SEND: remove another user from a room. */
  record Remove(long roomId) implements Route {}

  /** SEND: open the direct room with another user. */
  record Direct() implements Route {}

  /** SUBSCRIBE: a room's messages. */
  record RoomTopic(long roomId) implements Route {}

  /** SUBSCRIBE, answered once: the list of all rooms. */
  record RoomList() implements Route {}

  /** SUBSCRIBE, answered once: a page of the room's history. */
  record History(long roomId) implements Route {}

  /** SUBSCRIBE: room-list changes. */
  record RoomsTopic() implements Route {}

  /** SUBSCRIBE: the user's non-fatal errors. */
  record ErrorQueue() implements Route {}
}
