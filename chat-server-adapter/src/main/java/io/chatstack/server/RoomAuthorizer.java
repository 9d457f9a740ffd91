package io.chatstack.server;

import io.chatstack.core.Room;

/**
 * Decides which rooms a user may read, write and join. Called on the connection's inbound thread;
 * must be thread-safe and quick. The {@code room} is a snapshot read just before the call.
 */
public interface RoomAuthorizer {

  /** Whether {@code user} may receive the room's messages. Default: participants only. */
  default boolean canSubscribe(ChatPrincipal user, Room room) {
    return room.hasParticipant(user.name());
  }

  /** Whether {@code user} may post to the room. Default: participants only. */
  default boolean canSend(ChatPrincipal user, Room room) {
    return room.hasParticipant(user.name());
  }

  /** Whether {@code user} may become a participant. Default: anyone may join any room. */
  default boolean canJoin(ChatPrincipal user, Room room) {
    return true;
  }

  /** The default rules: anyone may join; only participants read and write. */
  static RoomAuthorizer participantsOnly() {
    return new RoomAuthorizer() {};
  }
}
