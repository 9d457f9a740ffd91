package io.chatstack.server.internal;

import io.chatstack.core.ChatException;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.MessageType;
import io.chatstack.core.Subscription;
import io.chatstack.json.ChatJson;
import io.chatstack.server.RoomAccess;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
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
  // Set by a since-seq replay that ended with the user's own LEAVE; inbound thread only.
  private boolean revokeOnRegistration;
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
      // In the table before it exists: a revocation racing the subscribe must find it.
      PendingSubscription pending = new PendingSubscription();
      active.put(id, pending);
      try {
        pending.attach(room(id, pending, topic.roomId(), since, header));
      } catch (RuntimeException e) {
        active.remove(id, pending);
        throw e;
      }
      subscription = pending;
    } else if (route instanceof Route.RoomsTopic) {
      RoomAccess access = session.runtime().access();
      subscription =
          session
              .runtime()
              .config()
              .chatService()
              .subscribeRooms(
                  e -> {
                    if (access.canSee(session.principal(), e)) {
                      session.deliver(
                          session
                              .runtime()
                              .frames()
                              .message(header, session.runtime().shared().roomEvent(e)));
                    }
                  });
    } else {
      subscription = errorQueue(header);
    }
    if (!(route instanceof Route.RoomTopic)) {
      active.put(id, subscription);
    }
    if (!session.isOpen()) {
      closeAll();
      return;
    }
    // After a replay the queue may still be full: the receipt waits for room like the replay did.
    session.receiptPaced(frame.receipt().orElse(null));
    if (route instanceof Route.RoomTopic topic) {
      // A LEAVE fanned out on this node before the subscription was registered is not in its
      // stream: read the room fresh now that it is registered (the repository changes before the
      // LEAVE is published), so that no leave falls between the check and the registration.
      if (revokeOnRegistration
          || !session.runtime().access().stillSubscribable(session.principal(), topic.roomId())) {
        revokeOnRegistration = false;
        revoke(id, topic.roomId());
      }
    }
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
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", e.code());
    body.put("message", e.getMessage());
    if (receiptId != null) {
      body.put("receiptId", receiptId);
    }
    return toErrorQueue(body, receiptId);
  }

  private boolean toErrorQueue(Map<String, Object> body, String receiptId) {
    String header = errorQueueHeader;
    if (header == null || !session.isOpen()) {
      return false;
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

  /**
   * A room subscription. It ends at the subscriber's own LEAVE (they left or were removed, on any
   * node): the LEAVE is delivered, nothing after it, and the client is told on the error queue. A
   * LEAVE replayed by since-seq counts only when the replay shows no later JOIN of theirs.
   */
  private Subscription room(
      String id, PendingSubscription pending, long roomId, String since, String header) {
    ChatService service = session.runtime().config().chatService();
    session.runtime().access().requireSubscribe(session.principal(), roomId);
    SharedMessages shared = session.runtime().shared();
    OutboundFrames frames = session.runtime().frames();
    String me = session.principal().name();
    AtomicBoolean revoked = new AtomicBoolean();
    if (since == null) {
      return service.subscribe(
          roomId,
          m -> {
            if (!revoked.get() && !pending.stopped()) {
              session.deliver(frames.message(header, shared.chatMessage(m)));
              if (isOwn(m, me, MessageType.LEAVE) && revoked.compareAndSet(false, true)) {
                revoke(id, roomId);
              }
            }
          });
    }
    // The replay runs on this (inbound) thread before subscribe() returns: pace it by the
    // outbound queue instead of overflowing it. Live messages come on bus threads and stay bounded.
    Thread replayer = Thread.currentThread();
    boolean[] replaying = {true};
    boolean[] leftInReplay = {false};
    Subscription subscription;
    try {
      subscription =
          service.subscribe(
              roomId,
              Long.parseLong(since),
              m -> {
                if (revoked.get() || pending.stopped()) {
                  return;
                }
                if (replaying[0] && Thread.currentThread() == replayer) {
                  // Between their own LEAVE and their next JOIN the user was not a participant:
                  // those messages are skipped, and a replay ending after a LEAVE is revoked.
                  if (isOwn(m, me, MessageType.JOIN)) {
                    leftInReplay[0] = false;
                  } else if (leftInReplay[0]) {
                    return;
                  }
                  session.deliverPaced(frames.message(header, shared.chatMessage(m)));
                  if (isOwn(m, me, MessageType.LEAVE)) {
                    leftInReplay[0] = true;
                  }
                } else {
                  String message = frames.message(header, shared.chatMessage(m));
                  session.deliver(message);
                  if (isOwn(m, me, MessageType.LEAVE) && revoked.compareAndSet(false, true)) {
                    revoke(id, roomId);
                  }
                }
              });
    } finally {
      replaying[0] = false;
    }
    if (leftInReplay[0] && revoked.compareAndSet(false, true)) {
      revokeOnRegistration = true;
    }
    return subscription;
  }

  private static boolean isOwn(ChatMessage m, String user, MessageType type) {
    return m.type() == type && m.sender().equals(user);
  }

  /** Ends a room subscription whose user is no longer a participant. Any thread. */
  private void revoke(String id, long roomId) {
    Subscription subscription = active.remove(id);
    if (subscription == null) {
      return;
    }
    if (subscription instanceof PendingSubscription pending) {
      pending.stop();
    }
    // Called from inside a delivery: close off the bus thread.
    try {
      session.runtime().scheduler().execute(subscription::close);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      subscription.close();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", "subscription-revoked");
    body.put(
        "message",
        "You are no longer a participant of room "
            + roomId
            + "; the subscription has ended (join again and subscribe to continue)");
    body.put("roomId", roomId);
    body.put("subscription", id);
    toErrorQueue(body, null);
  }

  private Subscription errorQueue(String header) {
    errorQueueHeader = header;
    return () -> errorQueueHeader = null;
  }
}
