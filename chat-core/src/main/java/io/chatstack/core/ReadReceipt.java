package io.chatstack.core;

import java.util.Objects;

/**
 * A participant has read a room up to {@code seq}.
 *
 * @param roomId the room
 * @param user the reader
 * @param seq their {@code lastReadSeq}
 */
public record ReadReceipt(long roomId, String user, long seq) {
  /** Checks {@code user}. */
  public ReadReceipt {
    Objects.requireNonNull(user, "user");
  }
}
