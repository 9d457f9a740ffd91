package io.chatstack.core;

import java.util.Locale;

/**
 * What a moderator does to a user ({@link Moderation#moderate}). On the wire (REST and STOMP
 * bodies, {@code metadata.action} of the SYSTEM message) each is its lower-case name.
 */
public enum ModerationAction {
  /** Removes a participant; they may join again. */
  KICK,
  /** Removes the user (when a participant) and refuses their joining until the ban ends. */
  BAN,
  /** Lifts a ban. */
  UNBAN,
  /** Refuses the user's sends, edits and reactions until the mute ends. */
  MUTE,
  /** Lifts a mute. */
  UNMUTE;

  /** The wire name: {@code kick}, {@code ban}, {@code unban}, {@code mute} or {@code unmute}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The action of a wire name (case-insensitive).
   *
   * @throws InvalidInputException (code {@code invalid-action}) for anything else
   */
  public static ModerationAction of(String wireName) {
    if (wireName != null) {
      for (ModerationAction a : values()) {
        if (a.wireName().equalsIgnoreCase(wireName.strip())) {
          return a;
        }
      }
    }
    throw new InvalidInputException(
        "invalid-action", "action must be one of kick, ban, unban, mute, unmute");
  }
}
