package io.chatstack.server.internal;

import io.chatstack.core.ChatService;
import io.chatstack.core.RoomEvent;
import io.chatstack.core.Subscription;
import io.chatstack.server.ChatPrincipal;
import io.chatstack.server.RoomAccess;
import io.chatstack.stomp.FrameWriter;
import io.chatstack.stomp.Route;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The presence, typing and read-receipt subscriptions of one connected user (a room's signals), and
 * their read-state queue: what {@link SessionSubscriptions} hands over for {@link Route.RoomSignal}
 * and {@link Route.ReadStateQueue} destinations. Deliveries come on core threads and only queue a
 * frame ({@link Replies#deliver}).
 *
 * <p>A room's signal subscriptions end like its message subscription when the user leaves or is
 * removed (on any connection or node): while the session holds any, it follows the room events with
 * <em>one</em> listener ({@link ChatService#subscribeRooms}), and a {@link RoomEvent.Kind#DELETED}
 * of the room or a {@link RoomEvent.Kind#LEFT} of this user revokes each of its signal
 * subscriptions of that room through the session's {@link Revoker} (which tells the client on the
 * error queue, by subscription id). Deliveries also ask the cached room ({@link
 * RoomAccess#maySubscribe}, at most once a second per subscription), so that a removal whose room
 * event was lost ends the subscription at the latest a second after the room cache refreshed. The
 * listener is opened with the first signal subscription and closed with the last. Room message
 * subscriptions keep their own revocation (at the LEAVE in their stream); this never touches them.
 *
 * <p>Thread-safety: {@link #subscribe} runs on the inbound thread; the room-event listener on a bus
 * thread; closes on any thread. No lock is held while the core is called.
 */
final class SessionSignals {

  /** Ends a subscription of the session's table and tells the client. Any thread. */
  @FunctionalInterface
  interface Revoker {
    void revoke(String id, long roomId);
  }

  /** The room id of the read-state queue's signal, which is the user's own and never revoked. */
  private static final long NO_ROOM = -1;

  /**
   * How often a delivery asks the cached room whether the user may still receive the room's
   * signals: at most once a second per subscription, so that a busy room (or a service without a
   * room cache) does not pay a check per signal and subscriber.
   */
  static final long RECHECK_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

  private final ChatPrincipal user;
  private final ChatService service;
  private final RoomAccess access;
  private final FrameWriter frames;
  private final SharedMessages shared;
  private final Replies replies;
  private final Revoker revoker;
  private final Map<String, Signal> roomSignals = new ConcurrentHashMap<>();
  // guarded by this; open while roomSignals is not empty
  private Subscription roomEvents;

  SessionSignals(
      ChatPrincipal user,
      ChatService service,
      RoomAccess access,
      FrameWriter frames,
      SharedMessages shared,
      Replies replies,
      Revoker revoker) {
    this.user = user;
    this.service = service;
    this.access = access;
    this.frames = frames;
    this.shared = shared;
    this.replies = replies;
    this.revoker = revoker;
  }

  /**
   * Subscribes to the user's read-state queue: every change of their read state in any room. Never
   * revoked.
   */
  Subscription readState(String header) {
    Signal signal = new Signal("", NO_ROOM);
    signal.attach(
        service
            .readStates()
            .subscribe(
                user.name(), s -> signal.deliver(frames.message(header, shared.readState(s)))));
    return signal;
  }

  /**
   * Subscribes {@code id} to a room's presence, typing or read receipts, for users who may receive
   * the room's messages ({@link RoomAccess#requireSubscribe}; refused before anything happens). The
   * caller registers the result in its table, then checks membership afresh ({@link
   * RoomAccess#stillSubscribable}) so that a leave just before the registration is not missed.
   * Closing the result ends the subscription, and the room-event listener with the last one.
   */
  Subscription room(String id, Route.RoomSignal route, String header) {
    long roomId = route.roomId();
    access.requireSubscribe(user, roomId);
    Signal signal = new Signal(id, roomId);
    signal.attach(subscribe(route, roomId, frame -> signal.deliver(frames.message(header, frame))));
    follow(signal);
    return signal;
  }

  /** Stops the deliveries of signal subscription {@code id} at once (before it is revoked). */
  void stop(String id) {
    Signal signal = roomSignals.get(id);
    if (signal != null) {
      signal.stopped = true;
    }
  }

  /** Room signal subscriptions held now (for tests). */
  int size() {
    return roomSignals.size();
  }

  /** Whether the room-event listener is open (for tests). */
  synchronized boolean followsRoomEvents() {
    return roomEvents != null;
  }

  private Subscription subscribe(Route.RoomSignal route, long roomId, Consumer<String> deliver) {
    if (route instanceof Route.PresenceTopic) {
      return service.presence().subscribe(roomId, e -> deliver.accept(shared.presence(e)));
    }
    if (route instanceof Route.TypingTopic) {
      return service.typing().subscribe(roomId, e -> deliver.accept(shared.typing(e)));
    }
    // Accepted also when receipts are disabled: then it never delivers.
    return service.readStates().subscribeReceipts(roomId, r -> deliver.accept(shared.receipt(r)));
  }

  private void follow(Signal signal) {
    synchronized (this) {
      roomSignals.put(signal.id, signal);
      if (roomEvents != null) {
        return;
      }
    }
    // Opened outside the lock: the bus may deliver (and take its own locks) meanwhile.
    Subscription opened = service.subscribeRooms(this::onRoomEvent);
    Subscription surplus = null;
    synchronized (this) {
      if (roomEvents == null && !roomSignals.isEmpty()) {
        roomEvents = opened;
      } else {
        surplus = opened;
      }
    }
    if (surplus != null) {
      surplus.close();
    }
  }

  private void forget(Signal signal) {
    Subscription toClose = null;
    synchronized (this) {
      if (roomSignals.remove(signal.id, signal) && roomSignals.isEmpty()) {
        toClose = roomEvents;
        roomEvents = null;
      }
    }
    if (toClose != null) {
      toClose.close();
    }
  }

  // Bus thread. Takes no lock: the in-memory bus calls listeners under its own.
  private void onRoomEvent(RoomEvent event) {
    boolean removed = event.kind() == RoomEvent.Kind.LEFT && event.user().equals(user.name());
    if (!removed && event.kind() != RoomEvent.Kind.DELETED) {
      return;
    }
    long roomId = event.room().id();
    for (Signal signal : roomSignals.values()) {
      if (signal.roomId == roomId) {
        signal.stopped = true;
        revoker.revoke(signal.id, roomId);
      }
    }
  }

  /**
   * One signal subscription: the core's subscription once attached; stops delivering as soon as it
   * is stopped or closed (a delivery racing the close may still be under way in the core).
   */
  private final class Signal implements Subscription {
    final String id;
    final long roomId;
    volatile boolean stopped;
    private final SessionRecheck recheck = new SessionRecheck(System::nanoTime, RECHECK_NANOS);
    private final PendingSubscription target = new PendingSubscription();

    Signal(String id, long roomId) {
      this.id = id;
      this.roomId = roomId;
    }

    void attach(Subscription subscription) {
      target.attach(subscription);
    }

    void deliver(String frame) {
      if (stopped || target.stopped()) {
        return;
      }
      if (roomId != NO_ROOM) {
        // No longer a participant although no room event said so (its publish failed, or it is
        // still on its way): the subscription ends as a LEFT would end it. The room database down
        // while the cached room has expired: this signal is dropped and nothing is revoked.
        switch (recheck.ask(() -> access.maySubscribe(user, roomId))) {
          case DROP:
            return;
          case REVOKE:
            stopped = true;
            revoker.revoke(id, roomId);
            return;
          default:
            break;
        }
      }
      replies.deliver(frame);
    }

    @Override
    public void close() {
      stopped = true;
      target.close();
      forget(this);
    }
  }
}
