package io.chatstack.core;

import java.util.Objects;

/**
 * A change of a room (created, a participant joined or left, changed or deleted), carried on the
 * bus so that every node can update its room cache and its clients' room lists. It carries the
 * room's summary and the one user concerned, never the member list: its size does not grow with the
 * room. Thread-safe (immutable).
 *
 * @param kind what happened
 * @param room the room's summary after the change
 * @param user who is concerned: the creator ({@link Kind#CREATED}), the user who joined or was
 *     added ({@link Kind#JOINED}), left or was removed ({@link Kind#LEFT})
 */
public record RoomEvent(Kind kind, RoomSummary room, String user) {

  /** What happened to the room. */
  public enum Kind {
    /** The room was created. */
    CREATED,
    /** {@code user} became a participant. */
    JOINED,
    /** {@code user} stopped being a participant. */
    LEFT,
    /**
     * The room's name, a role, a ban or a mute changed; {@code user} is whom it concerns (the actor
     * for a rename).
     */
    CHANGED,
    /** The room was deleted by {@code user}: it leaves every list. */
    DELETED
  }

  public RoomEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(user, "user");
  }
}
