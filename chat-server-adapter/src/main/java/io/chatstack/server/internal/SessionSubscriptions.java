package io.chatstack.server.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.MessageListener;
import io.chatstack.core.MessageType;
import io.chatstack.core.Subscription;
import io.chatstack.server.ChatPrincipal;
import io.chatstack.server.RoomAccess;
import io.chatstack.stomp.ErrorCodes;
import io.chatstack.stomp.FrameWriter;
import io.chatstack.stomp.HeaderNames;
import io.chatstack.stomp.Route;
import io.chatstack.stomp.RouteParser;
import io.chatstack.stomp.StompFrame;
import io.chatstack.stomp.StompProtocolException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * SUBSCRIBE and UNSUBSCRIBE of one connected user, and the error queue. A {@code since-seq} replay
 * is paced by the outbound queue (see {@link Replies#deliverPaced(String)}). A room's presence,
 * typing and read receipts, and the read-state queue, are made by {@link SessionSignals} and kept
 * in the same table (one id space, one subscription limit). Thread-safe: changed only on the
 * inbound thread, read and closed from any thread.
 */
final class SessionSubscriptions {
  private static final Pattern SEQ = Pattern.compile("-1|0|[1-9][0-9]{0,17}");

  private final ChatPrincipal user;
  private final ChatService service;
  private final RoomAccess access;
  private final RouteParser routes;
  private final FrameWriter frames;
  private final SharedMessages shared;
  private final ErrorQueue errors;
  private final int maxSubscriptions;
  private final Executor closer;
  private final Replies replies;
  private final Map<String, Subscription> active = new ConcurrentHashMap<>();
  // Set by a since-seq replay that ended with the user's own LEAVE; inbound thread only.
  private boolean revokeOnRegistration;
  private final SessionQueries queries;
  private final SessionSignals signals;

  /**
   * @param errors the error queue, which SUBSCRIBE may subscribe to
   * @param closer closes revoked subscriptions off the delivering thread
   */
  SessionSubscriptions(
      ChatPrincipal user,
      ChatService service,
      RoomAccess access,
      RouteParser routes,
      FrameWriter frames,
      SharedMessages shared,
      ErrorQueue errors,
      int maxSubscriptions,
      Executor closer,
      Replies replies) {
    this.user = user;
    this.service = service;
    this.access = access;
    this.routes = routes;
    this.frames = frames;
    this.shared = shared;
    this.errors = errors;
    this.maxSubscriptions = maxSubscriptions;
    this.closer = closer;
    this.replies = replies;
    this.queries = new SessionQueries(user, access, frames, replies);
    this.signals =
        new SessionSignals(user, service, access, frames, shared, replies, this::revokeSignal);
  }

  void subscribe(StompFrame frame) {
    String id = frame.required(HeaderNames.ID);
    String destination = frame.required(HeaderNames.DESTINATION);
    if (active.containsKey(id)) {
      throw new StompProtocolException(
          ErrorCodes.DUPLICATE_SUBSCRIPTION,
          "Subscription id '"
              + StompProtocolException.abbreviate(id)
              + "' is already in use on this connection; choose a new id");
    }
    String ack = frame.headers().getOrDefault(HeaderNames.ACK, "auto");
    if (!ack.equals("auto")) {
      throw new StompProtocolException(
          ErrorCodes.UNSUPPORTED_ACK,
          "Only 'ack:auto' is supported, got '" + StompProtocolException.abbreviate(ack) + "'");
    }
    if (frame.headers().containsKey(HeaderNames.SELECTOR)) {
      throw new StompProtocolException(
          ErrorCodes.UNSUPPORTED_SELECTOR,
          "Selectors are not supported; remove the 'selector' header");
    }
    Route route = routes.forSubscribe(destination);
    String since = frame.headers().get(HeaderNames.SINCE_SEQ);
    if (since != null && !(route instanceof Route.RoomTopic)) {
      throw new StompProtocolException(
          ErrorCodes.BAD_SINCE_SEQ, "since-seq applies to room destinations only");
    }
    if (since != null && !SEQ.matcher(since).matches()) {
      throw new StompProtocolException(
          ErrorCodes.BAD_SINCE_SEQ,
          "since-seq must be the last seq you received (an integer >= -1), was '"
              + StompProtocolException.abbreviate(since)
              + "'");
    }
    if (route instanceof Route.RoomList) {
      queries.rooms(id, destination);
      replies.receipt(frame.receipt().orElse(null), Map.of());
      return;
    }
    if (route instanceof Route.History history) {
      queries.history(history.roomId(), frame, id, destination);
      replies.receipt(frame.receipt().orElse(null), Map.of());
      return;
    }
    if (active.size() >= maxSubscriptions) {
      throw new StompProtocolException(
          ErrorCodes.TOO_MANY_SUBSCRIPTIONS,
          "At most " + maxSubscriptions + " subscriptions per connection");
    }
    String header = FrameWriter.subscriptionHeader(id);
    Subscription subscription;
    if (route instanceof Route.RoomTopic topic) {
      // In the table before it exists: a revocation racing the subscribe must find it.
      PendingSubscription pending = new PendingSubscription();
      revokeOnRegistration = false; // set by this subscription's replay only
      active.put(id, pending);
      try {
        pending.attach(room(id, pending, topic.roomId(), since, header));
      } catch (RuntimeException e) {
        active.remove(id, pending);
        throw e;
      }
      subscription = pending;
    } else if (route instanceof Route.RoomSignal signal) {
      subscription = signals.room(id, signal, header);
    } else if (route instanceof Route.ReadStateQueue) {
      subscription = signals.readState(header);
    } else if (route instanceof Route.RoomsTopic) {
      subscription =
          service.subscribeRooms(
              e -> {
                if (access.canSee(user, e)) {
                  replies.deliver(frames.message(header, shared.roomEvent(e)));
                }
              });
    } else {
      subscription = errors.subscribe(header);
    }
    if (!(route instanceof Route.RoomTopic)) {
      active.put(id, subscription);
    }
    if (!replies.isOpen()) {
      closeAll();
      return;
    }
    // After a replay the queue may still be full: the receipt waits for room like the replay did.
    replies.receiptPaced(frame.receipt().orElse(null));
    if (route instanceof Route.RoomTopic topic) {
      // A LEAVE fanned out on this node before the subscription was registered is not in its
      // stream: read the room fresh now that it is registered (the repository changes before the
      // LEAVE is published), so that no leave falls between the check and the registration.
      // (A since-seq subscription read it in registered(), before its replay.)
      if (revokeOnRegistration
          || (since == null && !access.stillSubscribable(user, topic.roomId()))) {
        revokeOnRegistration = false;
        revoke(id, topic.roomId());
      }
    } else if (route instanceof Route.RoomSignal signal
        && !access.stillSubscribable(user, signal.roomId())) {
      // The same fresh read for a room's signals: a leave whose room event came before the
      // session's room-event listener saw it is not missed.
      revokeSignal(id, signal.roomId());
    }
  }

  void unsubscribe(StompFrame frame) {
    String id = frame.required(HeaderNames.ID);
    Subscription subscription = active.remove(id);
    if (subscription == null) {
      throw new StompProtocolException(
          ErrorCodes.UNKNOWN_SUBSCRIPTION,
          "No subscription with id '"
              + StompProtocolException.abbreviate(id)
              + "' on this connection");
    }
    subscription.close();
    replies.receipt(frame.receipt().orElse(null), Map.of());
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
   * A room subscription. It ends where the subscriber stops being a participant ({@link
   * ChatMessage#endsMembershipOf}: their own LEAVE, a kick or ban aimed at them, the room's
   * deletion; on any node): that record is delivered, nothing after it, and the client is told on
   * the error queue. One replayed by since-seq counts only when the replay shows no later JOIN of
   * theirs.
   */
  private Subscription room(
      String id, PendingSubscription pending, long roomId, String since, String header) {
    access.requireSubscribe(user, roomId);
    String me = user.name();
    AtomicBoolean revoked = new AtomicBoolean();
    if (since == null) {
      return service.subscribe(
          roomId,
          m -> {
            if (!revoked.get() && !pending.stopped()) {
              replies.deliver(frames.message(header, shared.chatMessage(m)));
              if (m.endsMembershipOf(me) && revoked.compareAndSet(false, true)) {
                revoke(id, roomId);
              }
            }
          });
    }
    // The replay runs on this (inbound) thread before subscribe() returns: pace it by the
    // outbound queue instead of overflowing it. Live messages come after caughtUp(), on bus
    // threads that take the catch-up's lock first (so they see what caughtUp wrote), unpaced.
    boolean[] replaying = {true};
    boolean[] leftInReplay = {false};
    MessageListener listener =
        new MessageListener() {
          @Override
          public void onMessage(ChatMessage m) {
            if (revoked.get() || pending.stopped()) {
              return;
            }
            if (replaying[0]) {
              // Between their removal (LEAVE, kick, ban) and their next JOIN the user was not a
              // participant: those messages are skipped, and a replay ending after a removal is
              // revoked.
              if (isOwn(m, me, MessageType.JOIN)) {
                leftInReplay[0] = false;
              } else if (leftInReplay[0]) {
                return;
              }
              replies.deliverPaced(frames.message(header, shared.chatMessage(m)));
              if (m.endsMembershipOf(me)) {
                leftInReplay[0] = true;
              }
            } else {
              String message = frames.message(header, shared.chatMessage(m));
              replies.deliver(message);
              if (m.endsMembershipOf(me) && revoked.compareAndSet(false, true)) {
                revoke(id, roomId);
              }
            }
          }

          @Override
          public void registered() {
            // Registered before the replay: a removal from here on is in the stream (replayed or
            // live); one before it is in the room database, read fresh (the cache may not have
            // heard yet of a removal on another node). Refused, nothing was delivered.
            access.requireReplay(user, roomId);
          }

          @Override
          public void caughtUp() {
            // Before the first live record (which waits for this): a replay that ended with the
            // user's removal delivers nothing live, and the subscription ends once registered.
            replaying[0] = false;
            if (leftInReplay[0] && revoked.compareAndSet(false, true)) {
              revokeOnRegistration = true;
            }
          }
        };
    return service.subscribe(roomId, Long.parseLong(since), listener);
  }

  private static boolean isOwn(ChatMessage m, String user, MessageType type) {
    return m.type() == type && m.sender().equals(user);
  }

  /** Ends a room signal subscription whose user left the room, if it is still held. Any thread. */
  private void revokeSignal(String id, long roomId) {
    if (active.containsKey(id)) {
      signals.stop(id);
      revoke(id, roomId);
    }
  }

  /** Room signal subscriptions held now (for tests). */
  SessionSignals signals() {
    return signals;
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
      closer.execute(subscription::close);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      subscription.close();
    }
    errors.revoked(roomId, id);
  }
}
