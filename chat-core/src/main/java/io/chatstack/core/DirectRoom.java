package io.chatstack.core;

import java.util.Objects;

/**
 * The answer of {@link ChatService#directRoom}: the one direct room of two users, and whether this
 * call created it. Thread-safe (immutable).
 *
 * @param room the room (visibility {@link RoomVisibility#DIRECT}, exactly the two users)
 * @param created true when this call created it, false when it existed already
 */
public record DirectRoom(Room room, boolean created) {
  public DirectRoom {
    Objects.requireNonNull(room, "room");
  }

  /**
   * The key that identifies the direct room of two users whatever their order, for repositories to
   * store under a unique constraint: the smaller name, a newline, the larger name (a newline never
   * occurs in a valid user name).
   */
  public static String key(String a, String b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    return a.compareTo(b) <= 0 ? a + "\n" + b : b + "\n" + a;
  }
}
