package io.chatstack.core;

import java.util.List;
import java.util.Optional;

/**
 * One page of history, in ascending {@code seq} order.
 *
 * <p>Thread-safe (immutable).
 *
 * @param messages the messages, oldest first; never null, possibly empty
 * @param hasMore whether more messages exist beyond this page in the query's direction
 */
public record HistoryPage(List<ChatMessage> messages, boolean hasMore) {

  public HistoryPage {
    messages = List.copyOf(messages);
  }

  /** The query for the next page in the same direction, or empty when there is none. */
  public Optional<HistoryQuery> next(HistoryQuery query) {
    if (!hasMore || messages.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        query.direction() == HistoryQuery.Direction.BEFORE
            ? HistoryQuery.before(messages.get(0).seq(), query.limit())
            : HistoryQuery.after(messages.get(messages.size() - 1).seq(), query.limit()));
  }
}
