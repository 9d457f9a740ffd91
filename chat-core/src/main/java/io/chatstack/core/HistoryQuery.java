package io.chatstack.core;

/**
 * A request for one page of a room's history, by {@code seq} cursor, in either direction.
 *
 * <p>Thread-safe (immutable). Pages always list messages in ascending {@code seq} order.
 *
 * @param direction {@link Direction#BEFORE}: the newest {@code limit} messages with seq &lt;
 *     cursor; {@link Direction#AFTER}: the oldest {@code limit} messages with seq &gt; cursor
 * @param cursor the exclusive seq bound
 * @param limit maximum number of messages, 1 to {@link #MAX_LIMIT}
 */
public record HistoryQuery(Direction direction, long cursor, int limit) {

  /** Largest page a single query may ask for. */
  public static final int MAX_LIMIT = 1000;

  /** Paging direction relative to the cursor. */
  public enum Direction {
    /** Older messages than the cursor (scrolling up). */
    BEFORE,
    /** Newer messages than the cursor (catching up). */
    AFTER
  }

  public HistoryQuery {
    if (direction == null) {
      throw new InvalidInputException("invalid-query", "direction is required (BEFORE or AFTER)");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException(
          "invalid-query", "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
  }

  /** The newest {@code limit} messages of the room. */
  public static HistoryQuery latest(int limit) {
    return new HistoryQuery(Direction.BEFORE, Long.MAX_VALUE, limit);
  }

  /** The newest {@code limit} messages with seq below {@code beforeSeq}. */
  public static HistoryQuery before(long beforeSeq, int limit) {
    return new HistoryQuery(Direction.BEFORE, beforeSeq, limit);
  }

  /** The oldest {@code limit} messages with seq above {@code afterSeq}. */
  public static HistoryQuery after(long afterSeq, int limit) {
    return new HistoryQuery(Direction.AFTER, afterSeq, limit);
  }
}
