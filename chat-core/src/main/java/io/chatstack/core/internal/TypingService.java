package io.chatstack.core.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageType;
import io.chatstack.core.Names;
import io.chatstack.core.NotParticipantException;
import io.chatstack.core.Signal;
import io.chatstack.core.Subscription;
import io.chatstack.core.Typing;
import io.chatstack.core.TypingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Typing} of one node.
 *
 * <p>Publishing: a {@code true} goes on the signal bus only if this node published none for the
 * same user and room within {@code typingThrottle} (a {@code false} is always published and lets
 * the next {@code true} through at once). Receiving, on every node and only for rooms with local
 * subscribers: a {@code true} is forwarded when the user was not typing or the last forwarded one
 * is {@code typingThrottle} old, and (re)arms a {@code typingTimeout}; a {@code false}, the
 * timeout, the user's next chat message delivered in the room (each watched room is tapped once) or
 * the user going offline ({@link PresenceService#onOffline}) forward a {@code false} if they were
 * typing.
 *
 * <p>Thread-safe: one lock guards the state; listeners are called outside it, one at a time, in
 * order, on the thread that made the change (signal bus, message bus, timer). Lifecycle: timers run
 * from construction until {@link #close()}.
 */
public final class TypingService implements Typing, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TypingService.class);

  private final SignalContext context;
  private final Object lock = new Object();
  private final SignalDispatcher dispatcher = new SignalDispatcher();
  private final Map<RoomUser, Instant> published = new HashMap<>();
  private final Map<Long, TypingWatch> watches = new HashMap<>();
  private final Subscription signals;
  private final Subscription offline;
  private final ScheduledFuture<?> timer;
  private boolean closed;

  /** Starts following typing signals and offline users, and the timer. */
  public TypingService(SignalContext context, PresenceService presence) {
    this.context = context;
    this.signals = context.signals().subscribe(this::onSignal);
    this.offline = presence.onOffline(this::onOffline);
    this.timer =
        context
            .scheduler()
            .scheduleWithFixedDelay(
                this::safeTick,
                PresenceService.TICK_MILLIS,
                PresenceService.TICK_MILLIS,
                TimeUnit.MILLISECONDS);
  }

  @Override
  public void typing(long roomId, String username, boolean typing) {
    Names.requireUsername(username, Integer.MAX_VALUE);
    if (!context.cachedRoom().apply(roomId).hasParticipant(username)
        && !context.freshRoom().apply(roomId).hasParticipant(username)) {
      throw new NotParticipantException(roomId, username);
    }
    Instant now = context.clock().instant();
    if (typing && context.cachedRoom().apply(roomId).mutedAt(username, now).isPresent()) {
      // A muted user's typing is not forwarded (silently: typing has no answer).
      return;
    }
    RoomUser key = new RoomUser(roomId, username);
    synchronized (lock) {
      if (typing) {
        Instant last = published.get(key);
        if (last != null && now.isBefore(last.plus(context.settings().typingThrottle()))) {
          return;
        }
        published.put(key, now);
      } else {
        published.remove(key);
      }
      publish(Signal.of(Signal.Kind.TYPING, context.node(), roomId, username, typing ? 1 : 0));
    }
  }

  @Override
  public Subscription subscribe(long roomId, Consumer<TypingEvent> listener) {
    Objects.requireNonNull(listener, "listener");
    context.cachedRoom().apply(roomId);
    SignalSubscriber<TypingEvent> subscriber = new SignalSubscriber<>(listener);
    Subscription spareTap = null;
    TypingWatch watch = null;
    while (watch == null) {
      synchronized (lock) {
        watch = watches.get(roomId);
        if (watch == null && spareTap != null) {
          watch = new TypingWatch(roomId, spareTap, dispatcher);
          watches.put(roomId, watch);
          spareTap = null;
        }
        if (watch != null) {
          watch.add(subscriber);
        }
      }
      if (watch == null) {
        // Subscribed outside the lock: the message bus may hold its own lock while delivering.
        spareTap = context.bus().subscribe(roomId, message -> onMessage(roomId, message));
      }
    }
    if (spareTap != null) {
      spareTap.close(); // another subscriber created the watch meanwhile
    }
    TypingWatch subscribed = watch;
    return () -> {
      subscriber.close();
      boolean last;
      synchronized (lock) {
        last = subscribed.remove(subscriber) && watches.remove(roomId, subscribed);
      }
      if (last) {
        subscribed.tap().close();
      }
    };
  }

  /**
   * Acts on what is due by the clock: typing timeouts, and forgets expired publish throttles.
   * Called by the timer; tests call it directly.
   */
  public void tick() {
    Instant now = context.clock().instant();
    synchronized (lock) {
      if (closed) {
        return;
      }
      for (TypingWatch watch : watches.values()) {
        watch.expire(now);
      }
      published
          .values()
          .removeIf(last -> !now.isBefore(last.plus(context.settings().typingThrottle())));
    }
    dispatcher.drain();
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.warn("Typing timer failed", e);
    }
  }

  private void onSignal(Signal signal) {
    if (signal.kind() != Signal.Kind.TYPING) {
      return;
    }
    Instant now = context.clock().instant();
    synchronized (lock) {
      TypingWatch watch = watches.get(signal.roomId());
      if (watch == null) {
        return;
      }
      if (signal.value() != 0) {
        watch.started(
            signal.user(),
            now,
            context.settings().typingThrottle(),
            context.settings().typingTimeout());
      } else {
        watch.stopped(signal.user());
      }
    }
    dispatcher.drain();
  }

  private void onMessage(long roomId, ChatMessage message) {
    if (message.type() != MessageType.CHAT) {
      return;
    }
    synchronized (lock) {
      TypingWatch watch = watches.get(roomId);
      if (watch != null) {
        watch.stopped(message.sender());
      }
    }
    dispatcher.drain();
  }

  private void onOffline(String user) {
    synchronized (lock) {
      for (TypingWatch watch : watches.values()) {
        watch.stopped(user);
      }
    }
    dispatcher.drain();
  }

  private void publish(Signal signal) {
    try {
      context.signals().publish(signal);
    } catch (RuntimeException e) {
      LOG.warn("Publishing a typing signal failed", e);
    }
  }

  /** Stops the timer, the signal and offline subscriptions and every tap. Idempotent. */
  @Override
  public void close() {
    List<Subscription> taps = new ArrayList<>();
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      for (TypingWatch watch : watches.values()) {
        taps.add(watch.tap());
      }
    }
    timer.cancel(false);
    signals.close();
    offline.close();
    taps.forEach(Subscription::close);
  }

  private record RoomUser(long roomId, String user) {}
}
