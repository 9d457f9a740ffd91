package io.chatstack.core;

import java.util.Objects;

/**
 * A change of the room list (room created, participants changed), carried on the bus so every node
 * can update its clients' room lists. Thread-safe (immutable).
 *
 * @param kind what happened
 * @param room the room's state after the change
 */
public record RoomEvent(Kind kind, Room room) {

  /** What happened to the room. */
  public enum Kind {
    /** The room was created. */
    CREATED,
    /** Its participants changed. */
    UPDATED
  }

  public RoomEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(room, "room");
  }
}
