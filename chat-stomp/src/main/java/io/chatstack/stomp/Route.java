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

  /** SEND: the user is (or stopped) typing in a room. */
  record Typing(long roomId) implements Route {}

  /** SEND: the user has read a room up to a seq. */
  record MarkRead(long roomId) implements Route {}

  /** SEND: edit one of the user's messages in a room. */
  record Edit(long roomId) implements Route {}

  /** SEND: delete a message in a room (the user's own; as owner or moderator also others'). */
  record Delete(long roomId) implements Route {}

  /** SEND: moderation or administration of a room. */
  record Moderate(long roomId) implements Route {}

  /** SEND: add or remove a reaction on a message of a room. */
  record React(long roomId) implements Route {}

  /**
   * SUBSCRIBE: an ephemeral signal of one room (presence, typing, read receipts), for its
   * participants; it ends like a {@link RoomTopic} when its user leaves the room.
   */
  sealed interface RoomSignal extends Route {
    /** The room. */
    long roomId();
  }

  /** SUBSCRIBE: who is online in a room. */
  record PresenceTopic(long roomId) implements RoomSignal {}

  /** SUBSCRIBE: who is typing in a room. */
  record TypingTopic(long roomId) implements RoomSignal {}

  /** SUBSCRIBE: a room's read receipts. */
  record ReadsTopic(long roomId) implements RoomSignal {}

  /** SUBSCRIBE: the user's own read state in all their rooms. */
  record ReadStateQueue() implements Route {}
}
