package io.chatstack.core.internal;

import io.chatstack.core.Subscription;
import io.chatstack.core.TypingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Who is typing in one room that has local typing subscribers, the subscribers, and the tap on the
 * room's messages. Not thread-safe: guarded by the {@link TypingService}'s lock.
 */
final class TypingWatch {
  private final long roomId;
  private final Subscription tap;
  private final SignalDispatcher dispatcher;
  private final List<SignalSubscriber<TypingEvent>> subscribers = new ArrayList<>();
  private final Map<String, Typist> typing = new HashMap<>();

  TypingWatch(long roomId, Subscription tap, SignalDispatcher dispatcher) {
    this.roomId = roomId;
    this.tap = tap;
    this.dispatcher = dispatcher;
  }

  Subscription tap() {
    return tap;
  }

  void add(SignalSubscriber<TypingEvent> subscriber) {
    subscribers.add(subscriber);
  }

  /** Removes {@code subscriber}; returns whether none is left. */
  boolean remove(SignalSubscriber<TypingEvent> subscriber) {
    subscribers.remove(subscriber);
    return subscribers.isEmpty();
  }

  /**
   * A {@code true} arrived: forwarded unless one was forwarded less than {@code throttle} ago;
   * re-arms the timeout either way.
   */
  void started(String user, Instant now, Duration throttle, Duration timeout) {
    Typist typist = typing.get(user);
    if (typist == null) {
      typist = new Typist(now);
      typing.put(user, typist);
      forward(user, true);
    } else if (!now.isBefore(typist.forwardedAt.plus(throttle))) {
      typist.forwardedAt = now;
      forward(user, true);
    }
    typist.timeoutAt = now.plus(timeout);
  }

  /** The user stopped (said so, sent a message or went offline): forwarded if typing. */
  void stopped(String user) {
    if (typing.remove(user) != null) {
      forward(user, false);
    }
  }

  /** Forwards a {@code false} for each typist whose timeout is due. */
  void expire(Instant now) {
    Iterator<Map.Entry<String, Typist>> typists = typing.entrySet().iterator();
    while (typists.hasNext()) {
      Map.Entry<String, Typist> typist = typists.next();
      if (!typist.getValue().timeoutAt.isAfter(now)) {
        typists.remove();
        forward(typist.getKey(), false);
      }
    }
  }

  private void forward(String user, boolean isTyping) {
    TypingEvent event = new TypingEvent(roomId, user, isTyping);
    for (SignalSubscriber<TypingEvent> subscriber : subscribers) {
      dispatcher.enqueue(() -> subscriber.deliver(event));
    }
  }

  private static final class Typist {
    Instant forwardedAt;
    Instant timeoutAt;

    Typist(Instant now) {
      this.forwardedAt = now;
      this.timeoutAt = now;
    }
  }
}
