package io.chatstack.server.internal;

import io.chatstack.core.HistoryPage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.RoomSummary;
import io.chatstack.json.ChatJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.messaging.simp.stomp.StompCommand;

/**
 * One-shot SUBSCRIBE queries of one {@link StompSession} (like Spring's {@code @SubscribeMapping}):
 * the room list and a page of history, each answered with exactly one MESSAGE on the subscription
 * id, after which the subscription is not retained (no UNSUBSCRIBE needed). Called on the inbound
 * thread only; stateless apart from the session.
 */
final class SessionQueries {
  static final int DEFAULT_LIMIT = 50;
  private static final Pattern SEQ = Pattern.compile("0|[1-9][0-9]{0,18}");
  private static final Pattern LIMIT = Pattern.compile("[1-9][0-9]{0,3}");

  private final StompSession session;

  SessionQueries(StompSession session) {
    this.session = session;
  }

  /**
   * Answers {@code /app/chat/rooms}: the JSON array of the rooms the user may see (room summaries:
   * public rooms and their own private and direct rooms).
   */
  void rooms(String subscriptionId, String destination) {
    List<RoomSummary> rooms = session.runtime().access().rooms(session.principal());
    answer(subscriptionId, destination, ChatJson.toBytes(rooms));
  }

  /** Answers {@code /app/chat/history/{roomId}} for participants. */
  void history(long roomId, InboundFrame frame, String subscriptionId, String destination) {
    HistoryQuery query = query(frame.headers());
    HistoryPage page = session.runtime().access().history(session.principal(), roomId, query);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("messages", page.messages());
    body.put("hasMore", page.hasMore());
    answer(subscriptionId, destination, ChatJson.toBytes(body));
  }

  static HistoryQuery query(Map<String, String> headers) {
    String before = headers.get("before-seq");
    String after = headers.get("after-seq");
    if (before != null && after != null) {
      throw new StompProtocolException(
          "bad-history-query", "Give before-seq or after-seq, not both");
    }
    String limitText = headers.getOrDefault("limit", Integer.toString(DEFAULT_LIMIT));
    if (!LIMIT.matcher(limitText).matches()
        || Integer.parseInt(limitText) > HistoryQuery.MAX_LIMIT) {
      throw new StompProtocolException(
          "bad-history-query",
          "limit must be an integer from 1 to "
              + HistoryQuery.MAX_LIMIT
              + ", was '"
              + FrameReader.abbreviate(limitText)
              + "'");
    }
    int limit = Integer.parseInt(limitText);
    if (after != null) {
      return HistoryQuery.after(seq(after, "after-seq"), limit);
    }
    return before == null
        ? HistoryQuery.latest(limit)
        : HistoryQuery.before(seq(before, "before-seq"), limit);
  }

  private static long seq(String value, String name) {
    if (!SEQ.matcher(value).matches()) {
      throw new StompProtocolException(
          "bad-history-query",
          name + " must be a non-negative integer, was '" + FrameReader.abbreviate(value) + "'");
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new StompProtocolException("bad-history-query", name + " is out of range");
    }
  }

  private void answer(String subscriptionId, String destination, byte[] json) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("subscription", subscriptionId);
    headers.put("destination", destination);
    headers.put("message-id", UUID.randomUUID().toString());
    headers.put("content-type", "application/json");
    session.deliver(session.runtime().frames().encode(StompCommand.MESSAGE, headers, json));
  }
}
