package io.chatstack.server.internal;

import io.chatstack.core.ChatException;
import io.chatstack.core.ChatJson;
import io.chatstack.core.ChatService;
import io.chatstack.core.Subscription;
import io.chatstack.server.ForbiddenException;
import io.chatstack.server.RoomAuthorizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * SUBSCRIBE and UNSUBSCRIBE of one {@link StompSession}, and the error queue. A {@code since-seq}
 * replay is paced by the outbound queue (see {@link StompSession#deliverPaced(String)}).
 * Thread-safe: changed only on the inbound thread, read and closed from any thread.
 */
final class SessionSubscriptions {
  private static final Pattern SEQ = Pattern.compile("-1|0|[1-9][0-9]{0,17}");

  private final StompSession session;
  private final Map<String, Subscription> active = new ConcurrentHashMap<>();
  private volatile String errorQueueHeader;
  private final SessionQueries queries;

  SessionSubscriptions(StompSession session) {
    this.session = session;
    this.queries = new SessionQueries(session);
  }

  void subscribe(InboundFrame frame) {
    String id = frame.required("id");
    String destination = frame.required("destination");
    if (active.containsKey(id)) {
      throw new StompProtocolException(
          "duplicate-subscription",
          "Subscription id '"
              + FrameReader.abbreviate(id)
              + "' is already in use on this connection; choose a new id");
    }
    String ack = frame.headers().getOrDefault("ack", "auto");
    if (!ack.equals("auto")) {
      throw new StompProtocolException(
          "unsupported-ack",
          "Only 'ack:auto' is supported, got '" + FrameReader.abbreviate(ack) + "'");
    }
    if (frame.headers().containsKey("selector")) {
      throw new StompProtocolException(
          "unsupported-selector", "Selectors are not supported; remove the 'selector' header");
    }
    Route route = session.runtime().router().forSubscribe(destination);
    String since = frame.headers().get("since-seq");
    if (since != null && !(route instanceof Route.RoomTopic)) {
      throw new StompProtocolException(
          "bad-since-seq", "since-seq applies to room destinations only");
    }
    if (since != null && !SEQ.matcher(since).matches()) {
      throw new StompProtocolException(
          "bad-since-seq",
          "since-seq must be the last seq you received (an integer >= -1), was '"
              + FrameReader.abbreviate(since)
              + "'");
    }
    if (route instanceof Route.RoomList) {
      queries.rooms(id, destination);
      session.receipt(frame.receipt().orElse(null), Map.of());
      return;
    }
    if (route instanceof Route.History history) {
      queries.history(history.roomId(), frame, id, destination);
      session.receipt(frame.receipt().orElse(null), Map.of());
      return;
    }
    int max = session.runtime().config().limits().maxSubscriptions();
    if (active.size() >= max) {
      throw new StompProtocolException(
          "too-many-subscriptions", "At most " + max + " subscriptions per connection");
    }
    String header = OutboundFrames.subscriptionHeader(id);
    Subscription subscription;
    if (route instanceof Route.RoomTopic topic) {
      subscription = room(topic.roomId(), since, header);
    } else if (route instanceof Route.RoomsTopic) {
      subscription =
          session
              .runtime()
              .config()
              .chatService()
              .subscribeRooms(
                  e ->
                      session.deliver(
                          session
                              .runtime()
                              .frames()
                              .message(header, session.runtime().shared().roomEvent(e))));
    } else {
      subscription = errorQueue(header);
    }
    active.put(id, subscription);
    if (!session.isOpen()) {
      closeAll();
      return;
    }
    // After a replay the queue may still be full: the receipt waits for room like the replay did.
    session.receiptPaced(frame.receipt().orElse(null));
  }

  void unsubscribe(InboundFrame frame) {
    String id = frame.required("id");
    Subscription subscription = active.remove(id);
    if (subscription == null) {
      throw new StompProtocolException(
          "unknown-subscription",
          "No subscription with id '" + FrameReader.abbreviate(id) + "' on this connection");
    }
    subscription.close();
    session.receipt(frame.receipt().orElse(null), Map.of());
  }

  /**
   * Delivers a non-fatal error to the error queue; false when the client did not subscribe to it.
   */
  boolean reportError(ChatException e, String receiptId) {
    String header = errorQueueHeader;
    if (header == null || !session.isOpen()) {
      return false;
    }
    Map<String, String> body = new LinkedHashMap<>();
    body.put("code", e.code());
    body.put("message", e.getMessage());
    if (receiptId != null) {
      body.put("receiptId", receiptId);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("destination", session.runtime().config().destinations().errors());
    headers.put("message-id", java.util.UUID.randomUUID().toString());
    headers.put("content-type", "application/json");
    if (receiptId != null) {
      headers.put("receipt-id", receiptId);
    }
    String shared = session.runtime().frames().sharedMessage(headers, ChatJson.toBytes(body));
    session.deliver(session.runtime().frames().message(header, shared));
    return true;
  }

  void closeAll() {
    active
        .keySet()
        .forEach(
            id -> {
              Subscription s = active.remove(id);
              if (s != null) {
                s.close();
              }
            });
  }

  private Subscription room(long roomId, String since, String header) {
    ChatService service = session.runtime().config().chatService();
    RoomAuthorizer authorizer = session.runtime().config().roomAuthorizer();
    if (!service.checkRoom(roomId, room -> authorizer.canSubscribe(session.principal(), room))) {
      throw new ForbiddenException(
          "Only participants may subscribe to room " + roomId + "; join it first");
    }
    SharedMessages shared = session.runtime().shared();
    OutboundFrames frames = session.runtime().frames();
    if (since == null) {
      return service.subscribe(
          roomId, m -> session.deliver(frames.message(header, shared.chatMessage(m))));
    }
    // The replay runs on this (inbound) thread before subscribe() returns: pace it by the
    // outbound queue instead of overflowing it. Live messages come on bus threads and stay bounded.
    Thread replayer = Thread.currentThread();
    boolean[] replaying = {true};
    try {
      return service.subscribe(
          roomId,
          Long.parseLong(since),
          m -> {
            String message = frames.message(header, shared.chatMessage(m));
            if (replaying[0] && Thread.currentThread() == replayer) {
              session.deliverPaced(message);
            } else {
              session.deliver(message);
            }
          });
    } finally {
      replaying[0] = false;
    }
  }

  private Subscription errorQueue(String header) {
    errorQueueHeader = header;
    return () -> errorQueueHeader = null;
  }
}
