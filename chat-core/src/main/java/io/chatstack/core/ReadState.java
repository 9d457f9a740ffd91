package io.chatstack.core;

import java.util.Objects;

/**
 * What one user has read in one room.
 *
 * @param roomId the room
 * @param user the reader
 * @param lastReadSeq the highest seq they have read, {@link #NOTHING_READ} when none
 * @param unreadCount chat messages from others with a seq above {@code lastReadSeq}, exact
 */
public record ReadState(long roomId, String user, long lastReadSeq, long unreadCount) {
  /** {@code lastReadSeq} of a user who has read nothing in the room. */
  public static final long NOTHING_READ = -1;

  /** Checks {@code user}. */
  public ReadState {
    Objects.requireNonNull(user, "user");
  }
}
