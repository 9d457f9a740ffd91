package io.chatstack.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatstack.core.HistoryPage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.ReadState;
import io.chatstack.core.RoomSummary;
import io.chatstack.json.ChatJson;
import io.chatstack.server.ChatPrincipal;
import io.chatstack.server.RoomAccess;
import io.chatstack.stomp.Command;
import io.chatstack.stomp.ErrorCodes;
import io.chatstack.stomp.FrameWriter;
import io.chatstack.stomp.HeaderNames;
import io.chatstack.stomp.StompFrame;
import io.chatstack.stomp.StompProtocolException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One-shot SUBSCRIBE queries of one connected user (like Spring's {@code @SubscribeMapping}): the
 * room list and a page of history, each answered with exactly one MESSAGE on the subscription id,
 * after which the subscription is not retained (no UNSUBSCRIBE needed). Called on the inbound
 * thread only; stateless.
 */
final class SessionQueries {
  static final int DEFAULT_LIMIT = 50;
  private static final Pattern SEQ = Pattern.compile("0|[1-9][0-9]{0,18}");
  private static final Pattern LIMIT = Pattern.compile("[1-9][0-9]{0,3}");

  private final ChatPrincipal user;
  private final RoomAccess access;
  private final FrameWriter frames;
  private final Replies replies;

  SessionQueries(ChatPrincipal user, RoomAccess access, FrameWriter frames, Replies replies) {
    this.user = user;
    this.access = access;
    this.frames = frames;
    this.replies = replies;
  }

  /**
   * Answers {@code /app/chat/rooms}: the JSON array of the rooms the user may see (room summaries:
   * public rooms and their own private and direct rooms); the entries of rooms they participate in
   * also carry their {@code lastReadSeq} and {@code unreadCount}.
   */
  void rooms(String subscriptionId, String destination) {
    List<RoomSummary> rooms = access.rooms(user);
    Map<Long, ReadState> states = new HashMap<>();
    for (ReadState state : access.readStates(user)) {
      states.put(state.roomId(), state);
    }
    ArrayNode list = ChatJson.mapper().createArrayNode();
    for (RoomSummary room : rooms) {
      ObjectNode entry = ChatJson.mapper().valueToTree(room);
      ReadState state = states.get(room.id());
      if (state != null) {
        entry.put("lastReadSeq", state.lastReadSeq());
        entry.put("unreadCount", state.unreadCount());
      }
      list.add(entry);
    }
    answer(subscriptionId, destination, ChatJson.toBytes(list));
  }

  /** Answers {@code /app/chat/history/{roomId}} for participants. */
  void history(long roomId, StompFrame frame, String subscriptionId, String destination) {
    HistoryQuery query = query(frame.headers());
    HistoryPage page = access.history(user, roomId, query);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("messages", page.messages());
    body.put("hasMore", page.hasMore());
    answer(subscriptionId, destination, ChatJson.toBytes(body));
  }

  static HistoryQuery query(Map<String, String> headers) {
    String before = headers.get(HeaderNames.BEFORE_SEQ);
    String after = headers.get(HeaderNames.AFTER_SEQ);
    if (before != null && after != null) {
      throw new StompProtocolException(
          ErrorCodes.BAD_HISTORY_QUERY, "Give before-seq or after-seq, not both");
    }
    String limitText = headers.getOrDefault(HeaderNames.LIMIT, Integer.toString(DEFAULT_LIMIT));
    if (!LIMIT.matcher(limitText).matches()
        || Integer.parseInt(limitText) > HistoryQuery.MAX_LIMIT) {
      throw new StompProtocolException(
          ErrorCodes.BAD_HISTORY_QUERY,
          "limit must be an integer from 1 to "
              + HistoryQuery.MAX_LIMIT
              + ", was '"
              + StompProtocolException.abbreviate(limitText)
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
          ErrorCodes.BAD_HISTORY_QUERY,
          name
              + " must be a non-negative integer, was '"
              + StompProtocolException.abbreviate(value)
              + "'");
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new StompProtocolException(ErrorCodes.BAD_HISTORY_QUERY, name + " is out of range");
    }
  }

  private void answer(String subscriptionId, String destination, byte[] json) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(HeaderNames.SUBSCRIPTION, subscriptionId);
    headers.put(HeaderNames.DESTINATION, destination);
    headers.put(HeaderNames.MESSAGE_ID, UUID.randomUUID().toString());
    headers.put(HeaderNames.CONTENT_TYPE, "application/json");
    replies.deliver(frames.encode(Command.MESSAGE, headers, json));
  }
}
