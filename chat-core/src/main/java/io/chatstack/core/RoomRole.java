package io.chatstack.core;

/**
 * A participant's role in a {@link RoomVisibility#PUBLIC public} or {@link RoomVisibility#PRIVATE
 * private} room. Direct rooms have no roles: both participants are {@link #MEMBER}s and nobody
 * moderates them.
 *
 * <ul>
 *   <li>{@link #OWNER}: the room's creator, while a participant. Sets roles, moderates, renames and
 *       deletes the room. Ownership is not transferable and no action applies to the owner.
 *   <li>{@link #MODERATOR}: made so by the owner. Kicks, bans and mutes members (not other
 *       moderators), renames the room and deletes members' messages (the owner deletes anyone's).
 *   <li>{@link #MEMBER}: every other participant.
 * </ul>
 */
public enum RoomRole {
  /** The room's creator. */
  OWNER,
  /** Appointed by the owner to keep the room civil. */
  MODERATOR,
  /** Any other participant. */
  MEMBER;

  /** Whether this role may kick, ban, mute and rename ({@link #OWNER} or {@link #MODERATOR}). */
  public boolean moderates() {
    return this != MEMBER;
  }
}
