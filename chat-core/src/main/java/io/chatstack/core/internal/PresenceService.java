package io.chatstack.core.internal;

import io.chatstack.core.Names;
import io.chatstack.core.Presence;
import io.chatstack.core.PresenceEvent;
import io.chatstack.core.PresenceSnapshot;
import io.chatstack.core.Room;
import io.chatstack.core.RoomEvent;
import io.chatstack.core.Signal;
import io.chatstack.core.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Presence} of one node.
 *
 * <p>Locally it counts each user's open connections; the first one publishes {@code ONLINE}, and
 * {@code presenceGrace} after the last one closed (with no reopen meanwhile) {@code OFFLINE}. Every
 * third of {@code presenceLease} it publishes {@code LEASE} signals naming its online users (at
 * most {@value #LEASE_CHUNK} per signal; one empty one as a heartbeat). From every node's signals
 * it keeps a table user &rarr; node &rarr; last renewal: entries of other nodes that are not
 * renewed within the lease expire, {@code NODE_LEFT} drops a node; this node's entries are its
 * local truth. A user is online while some node has them; going from none to some and back is what
 * rooms with local subscribers hear (and {@link #onOffline} listeners).
 *
 * <p>The timer's work follows what is due, not how many users there are: graces wait in a queue
 * ordered by their end, and the table of other nodes' users is swept only once its oldest renewal
 * has reached the lease (with leases every third of it, about every two thirds of a lease), so a
 * node that knows a million users does not walk them ten times a second.
 *
 * <p>Thread-safe: one lock guards the state; listeners are called outside it, one at a time, in the
 * order of the changes (a subscription's snapshot first), on the thread that made the change (the
 * signal bus's, the timer's, or a caller of {@link #connected} or {@link #subscribe}). Lifecycle:
 * timers run from construction until {@link #close()}.
 */
public final class PresenceService implements Presence, AutoCloseable {
  /** How often the timer calls {@link #tick()}, in milliseconds. */
  static final long TICK_MILLIS = 100;

  /** Most users one LEASE signal names. */
  static final int LEASE_CHUNK = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(PresenceService.class);

  private final SignalContext context;
  private final Object lock = new Object();
  private final SignalDispatcher dispatcher = new SignalDispatcher();
  private final Map<String, LocalUser> local = new HashMap<>();
  private final Map<String, Map<String, Instant>> cluster = new HashMap<>();
  private final PriorityQueue<Grace> graces =
      new PriorityQueue<>(Comparator.comparing(Grace::until));
  private final Map<Long, PresenceWatch> watches = new HashMap<>();
  private final List<Consumer<String>> offlineListeners = new CopyOnWriteArrayList<>();
  private final Subscription signals;
  private final Subscription roomEvents;
  private final ScheduledFuture<?> timer;
  private Instant nextLease;
  // When the oldest renewal of another node's entry reaches the lease (null: no such entry); may
  // be early after renewals and removals, never late.
  private @Nullable Instant nextExpiry;
  private boolean closed;

  /** Starts following signals and room events, and the timer. */
  public PresenceService(SignalContext context) {
    this.context = context;
    this.nextLease = context.clock().instant();
    this.signals = context.signals().subscribe(this::onSignal);
    this.roomEvents = context.bus().subscribeRoomEvents(this::onRoomEvent);
    this.timer =
        context
            .scheduler()
            .scheduleWithFixedDelay(
                this::safeTick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Calls {@code listener} with the name of each user who goes offline cluster-wide. */
  public Subscription onOffline(Consumer<String> listener) {
    Objects.requireNonNull(listener, "listener");
    offlineListeners.add(listener);
    return () -> offlineListeners.remove(listener);
  }

  @Override
  public Subscription connected(String username) {
    Names.requireUsername(username, Integer.MAX_VALUE);
    Instant now = now();
    synchronized (lock) {
      LocalUser user = local.get(username);
      if (user == null) {
        local.put(username, new LocalUser());
        publish(Signal.of(Signal.Kind.ONLINE, node(), 0, username, 0));
        addNode(username, node(), now);
      } else {
        user.connections++;
        user.graceUntil = null;
      }
    }
    dispatcher.drain();
    AtomicBoolean open = new AtomicBoolean(true);
    return () -> {
      if (open.compareAndSet(true, false)) {
        disconnected(username);
      }
    };
  }

  private void disconnected(String username) {
    Instant now = now();
    synchronized (lock) {
      LocalUser user = local.get(username);
      if (user == null || --user.connections > 0) {
        return;
      }
      user.graceUntil = now.plus(context.settings().presenceGrace());
      if (!user.graceUntil.isAfter(now)) {
        goneLocally(username);
      } else if (!closed) {
        graces.add(new Grace(username, user.graceUntil));
      }
    }
    dispatcher.drain();
  }

  private void goneLocally(String username) {
    local.remove(username);
    publish(Signal.of(Signal.Kind.OFFLINE, node(), 0, username, 0));
    removeNode(username, node());
  }

  @Override
  public PresenceSnapshot snapshot(long roomId) {
    Room room = context.cachedRoom().apply(roomId);
    synchronized (lock) {
      PresenceWatch watch = watches.get(roomId);
      if (watch != null) {
        return watch.snapshot();
      }
      TreeSet<String> online = new TreeSet<>();
      for (String participant : room.participants()) {
        if (cluster.containsKey(participant)) {
          online.add(participant);
        }
      }
      return PresenceWatch.snapshot(roomId, online);
    }
  }

  @Override
  public Subscription subscribe(long roomId, Consumer<PresenceEvent> listener) {
    Objects.requireNonNull(listener, "listener");
    Room room = context.cachedRoom().apply(roomId);
    SignalSubscriber<PresenceEvent> subscriber = new SignalSubscriber<>(listener);
    PresenceWatch watch;
    synchronized (lock) {
      watch = watches.get(roomId);
      if (watch == null) {
        watch = new PresenceWatch(roomId, room.participants(), cluster::containsKey, dispatcher);
        watches.put(roomId, watch);
      }
      watch.add(subscriber);
    }
    dispatcher.drain();
    PresenceWatch subscribed = watch;
    return () -> {
      subscriber.close();
      synchronized (lock) {
        if (subscribed.remove(subscriber)) {
          watches.remove(roomId, subscribed);
        }
      }
    };
  }

  /**
   * Acts on what is due by the clock: ends graces (OFFLINE), expires other nodes' unrenewed
   * entries, publishes this node's LEASE. Called by the timer; tests call it directly.
   */
  public void tick() {
    Instant now = now();
    synchronized (lock) {
      if (closed) {
        return;
      }
      endGraces(now);
      if (nextExpiry != null && !nextExpiry.isAfter(now)) {
        expire(now);
      }
      if (!now.isBefore(nextLease)) {
        publishLease();
        nextLease = now.plus(context.settings().presenceLease().dividedBy(3));
      }
    }
    dispatcher.drain();
  }

  /** Ends the graces that are over (a user who reconnected, or closed again later, is skipped). */
  private void endGraces(Instant now) {
    Grace due;
    while ((due = graces.peek()) != null && !due.until().isAfter(now)) {
      graces.poll();
      LocalUser user = local.get(due.user());
      if (user != null && user.graceUntil != null && !user.graceUntil.isAfter(now)) {
        goneLocally(due.user());
      }
    }
  }

  /** Drops other nodes' entries not renewed within the lease; notes when the next one is due. */
  private void expire(Instant now) {
    Duration lease = context.settings().presenceLease();
    Instant cutoff = now.minus(lease);
    Instant oldest = null;
    Iterator<Map.Entry<String, Map<String, Instant>>> users = cluster.entrySet().iterator();
    while (users.hasNext()) {
      Map.Entry<String, Map<String, Instant>> user = users.next();
      Iterator<Map.Entry<String, Instant>> nodes = user.getValue().entrySet().iterator();
      while (nodes.hasNext()) {
        Map.Entry<String, Instant> entry = nodes.next();
        if (entry.getKey().equals(node())) {
          continue;
        }
        if (!entry.getValue().isAfter(cutoff)) {
          nodes.remove();
        } else if (oldest == null || entry.getValue().isBefore(oldest)) {
          oldest = entry.getValue();
        }
      }
      if (user.getValue().isEmpty()) {
        users.remove();
        wentOffline(user.getKey());
      }
    }
    nextExpiry = oldest == null ? null : oldest.plus(lease);
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.warn("Presence timer failed", e);
    }
  }

  private void publishLease() {
    List<String> users = new ArrayList<>(new TreeSet<>(local.keySet()));
    int from = 0;
    do {
      List<String> chunk = users.subList(from, Math.min(users.size(), from + LEASE_CHUNK));
      publish(new Signal(Signal.Kind.LEASE, node(), 0, "", 0, chunk));
      from += LEASE_CHUNK;
    } while (from < users.size());
  }

  private void onSignal(Signal signal) {
    if (signal.node().equals(node())) {
      return; // this node's own entries are its local truth
    }
    Instant now = now();
    synchronized (lock) {
      if (closed) {
        return;
      }
      switch (signal.kind()) {
        case ONLINE -> addNode(signal.user(), signal.node(), now);
        case LEASE -> signal.users().forEach(user -> addNode(user, signal.node(), now));
        case OFFLINE -> removeNode(signal.user(), signal.node());
        case NODE_LEFT -> {
          for (String user : new ArrayList<>(cluster.keySet())) {
            removeNode(user, signal.node());
          }
        }
        default -> {
          // typing and read signals are not presence
        }
      }
    }
    dispatcher.drain();
  }

  private void onRoomEvent(RoomEvent event) {
    synchronized (lock) {
      PresenceWatch watch = watches.get(event.room().id());
      if (watch == null) {
        return;
      }
      if (event.kind() == RoomEvent.Kind.JOINED) {
        watch.joined(event.user(), cluster.containsKey(event.user()));
      } else if (event.kind() == RoomEvent.Kind.LEFT) {
        watch.left(event.user());
      }
    }
    dispatcher.drain();
  }

  private void addNode(String user, String node, Instant now) {
    if (!node.equals(node())) {
      Instant expiry = now.plus(context.settings().presenceLease());
      if (nextExpiry == null || expiry.isBefore(nextExpiry)) {
        nextExpiry = expiry; // only before the noted one when the clock went back
      }
    }
    Map<String, Instant> nodes = cluster.get(user);
    if (nodes == null) {
      nodes = new HashMap<>();
      cluster.put(user, nodes);
      nodes.put(node, now);
      for (PresenceWatch watch : watches.values()) {
        watch.online(user);
      }
    } else {
      nodes.put(node, now);
    }
  }

  private void removeNode(String user, String node) {
    Map<String, Instant> nodes = cluster.get(user);
    if (nodes != null && nodes.remove(node) != null && nodes.isEmpty()) {
      cluster.remove(user);
      wentOffline(user);
    }
  }

  private void wentOffline(String user) {
    for (PresenceWatch watch : watches.values()) {
      watch.offline(user);
    }
    for (Consumer<String> listener : offlineListeners) {
      dispatcher.enqueue(() -> listener.accept(user));
    }
  }

  private void publish(Signal signal) {
    try {
      context.signals().publish(signal);
    } catch (RuntimeException e) {
      LOG.warn("Publishing presence signal {} failed", signal.kind(), e);
    }
  }

  private String node() {
    return context.node();
  }

  private Instant now() {
    return context.clock().instant();
  }

  /** Tells the other nodes this node is leaving (NODE_LEFT) and stops its timers. Idempotent. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    timer.cancel(false);
    signals.close();
    roomEvents.close();
    publish(Signal.of(Signal.Kind.NODE_LEFT, node(), 0, "", 0));
  }

  /** A grace that ends at {@code until} unless its user reconnects. */
  private record Grace(String user, Instant until) {}

  /** A user with connections on this node; in grace while {@code graceUntil} is set. */
  private static final class LocalUser {
    int connections = 1;
    @Nullable Instant graceUntil;
  }
}
