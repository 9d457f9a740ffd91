package io.chatstack.server;

import io.chatstack.core.Room;
import io.chatstack.core.RoomRole;
import io.chatstack.core.RoomVisibility;

/**
 * Decides what a user may see and do in a room: the one policy behind every REST endpoint and STOMP
 * destination (applied by {@link RoomAccess}). Each method answers for a snapshot of the room read
 * just before the call. Called on request and inbound threads, and on delivery threads for room
 * events; must be thread-safe, quick and free of I/O. Override single methods to change a rule; the
 * defaults are:
 *
 * <ul>
 *   <li>a {@link RoomVisibility#PUBLIC} room is seen by everyone, a private or direct room only by
 *       its participants (anyone else is told it does not exist);
 *   <li>participants read history, subscribe and send;
 *   <li>anyone may join a public room; a private room is entered only by invitation of a
 *       participant; a direct room keeps its two participants (no joining, inviting, leaving or
 *       removing);
 *   <li>the room's owner and moderators remove other participants (a kick, with the role rules of
 *       {@link io.chatstack.core.Moderation}).
 * </ul>
 */
public interface RoomAuthorizer {

  /**
   * Whether {@code user} may know the room exists (list it, read it, list its members). A room they
   * may not see is answered as if it did not exist (404 / {@code room-not-found}).
   */
  default boolean canSee(ChatPrincipal user, Room room) {
    return room.visibility() == RoomVisibility.PUBLIC || room.hasParticipant(user.name());
  }

  /** Whether {@code user} may receive the room's live messages. Default: participants only. */
  default boolean canSubscribe(ChatPrincipal user, Room room) {
    return room.hasParticipant(user.name());
  }

  /**
   * Whether {@code user} may read the room's history and replays (a {@code since-seq} replay needs
   * this and {@link #canSubscribe}). Default: participants only.
   */
  default boolean canReadHistory(ChatPrincipal user, Room room) {
    return room.hasParticipant(user.name());
  }

  /** Whether {@code user} may post to the room. Default: participants only. */
  default boolean canSend(ChatPrincipal user, Room room) {
    return room.hasParticipant(user.name());
  }

  /** Whether {@code user} may make themselves a participant. Default: public rooms only. */
  default boolean canJoin(ChatPrincipal user, Room room) {
    return room.visibility() == RoomVisibility.PUBLIC;
  }

  /**
   * Whether {@code user} may add {@code invitee} to the room. Default: participants of a private
   * room.
   */
  default boolean canInvite(ChatPrincipal user, Room room, String invitee) {
    return room.visibility() == RoomVisibility.PRIVATE && room.hasParticipant(user.name());
  }

  /** Whether {@code user} may stop being a participant. Default: everywhere but direct rooms. */
  default boolean canLeave(ChatPrincipal user, Room room) {
    return room.visibility() != RoomVisibility.DIRECT;
  }

  /**
   * Whether {@code user} may remove {@code target} from the room. Default: the room's owner and
   * moderators, in public and private rooms; the removal is then a kick, which also applies the
   * role rules of {@link io.chatstack.core.Moderation} (nobody removes the owner, moderators remove
   * members only). Also asked for a kick or a ban requested through moderation.
   */
  default boolean canRemove(ChatPrincipal user, Room room, String target) {
    return room.visibility() != RoomVisibility.DIRECT
        && room.role(user.name()).map(RoomRole::moderates).orElse(false);
  }

  /** The default rules listed above. */
  static RoomAuthorizer defaults() {
    return new RoomAuthorizer() {};
  }
}
