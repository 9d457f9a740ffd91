package io.chatstack.core;

import java.util.List;

/**
 * The reactions with one emoji on a message, as history returns them.
 *
 * <p>Thread-safe (immutable).
 *
 * @param count exact number of users who reacted with this emoji
 * @param users some of them, at most {@link #MAX_USERS}, in the order they reacted
 */
public record Reaction(int count, List<String> users) {
  /** Most user names a {@link Reaction} lists; {@link #count()} stays exact beyond it. */
  public static final int MAX_USERS = 20;

  public Reaction {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, was " + count);
    }
    users = users == null ? List.of() : List.copyOf(users);
  }
}
