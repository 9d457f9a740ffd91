package io.chatstack.core;

import java.util.List;

/**
 * Roles, moderation and room administration ({@link ChatService#moderation()}). The rules are
 * enforced here for every transport: the owner sets roles and deletes the room; the owner and
 * moderators kick, ban, unban, mute, unmute and rename; a moderator acts on members only, nobody on
 * the owner or on themselves; direct rooms are not moderated. A refusal throws {@link
 * ActionRefusedException} (code {@code forbidden}) and changes nothing. Which rooms a caller may
 * see at all is the transport's business (a room they may not see is answered as not found before
 * these rules are asked).
 *
 * <p>Every change is published as a {@link MessageType#SYSTEM} message in room order, written by
 * the actor, with {@code metadata} {@code action} ({@code kick}, {@code ban}, {@code unban}, {@code
 * mute}, {@code unmute}, {@code role}, {@code rename}, {@code delete}), {@code actor} and, as they
 * apply, {@code target}, {@code until} (ISO-8601), {@code reason}, {@code role} and {@code name}.
 * Kicks, bans of participants and room deletion end the live subscriptions of whoever they remove
 * on every node, exactly as a LEAVE does ({@link ChatMessage#endsMembershipOf}). Actions that
 * change nothing (kicking a non-participant, unbanning someone not banned) publish nothing.
 *
 * <p>Thread-safe. Each method returns once its SYSTEM message is durable in the log.
 */
public interface Moderation {

  /**
   * Kicks, bans, unbans, mutes or unmutes {@code request.username()} on behalf of {@code actor}.
   *
   * @return the room after the action
   * @throws ActionRefusedException (code {@code forbidden}) when {@code actor} may not do it
   * @throws RoomNotFoundException when the room does not exist
   * @throws InvalidInputException for an invalid user name or a reason over 500 characters
   */
  Room moderate(long roomId, String actor, ModerationRequest request);

  /**
   * Makes {@code target} a {@link RoomRole#MODERATOR} or a {@link RoomRole#MEMBER}. Owner only.
   *
   * @throws InvalidInputException (code {@code invalid-role}) for {@link RoomRole#OWNER}
   * @throws NotParticipantException when {@code target} is not a participant
   * @throws ActionRefusedException (code {@code forbidden}) when {@code actor} is not the owner
   */
  Room setRole(long roomId, String actor, String target, RoomRole role);

  /**
   * Renames the room. Owner and moderators.
   *
   * @throws InvalidRoomNameException for an invalid name
   */
  Room rename(long roomId, String actor, String name);

  /**
   * Deletes the room: a final SYSTEM message (action {@code delete}) ends every subscription to it,
   * then it leaves the room database (and every room list, through a {@link RoomEvent.Kind#DELETED}
   * event). Its history is kept or erased as {@link ChatService.Builder#deleteHistory(boolean)}
   * says. Owner only.
   */
  void deleteRoom(long roomId, String actor);

  /**
   * The room's bans and mutes in force, ordered by user name. Owner and moderators.
   *
   * @throws RoomNotFoundException when the room does not exist
   * @throws ActionRefusedException (code {@code forbidden}) when {@code actor} is neither
   */
  List<Restriction> restrictions(long roomId, String actor);
}
