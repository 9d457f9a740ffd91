package io.chatstack.core.internal;

import io.chatstack.core.PresenceEvent;
import io.chatstack.core.PresenceSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The presence of one room that has local subscribers: its participants, which of them are online,
 * and the subscribers. Not thread-safe: guarded by the {@link PresenceService}'s lock.
 */
final class PresenceWatch {
  private final long roomId;
  private final SignalDispatcher dispatcher;
  private final Set<String> participants;
  private final TreeSet<String> online = new TreeSet<>();
  private final List<SignalSubscriber<PresenceEvent>> subscribers = new ArrayList<>();

  PresenceWatch(
      long roomId,
      Set<String> participants,
      Predicate<String> isOnline,
      SignalDispatcher dispatcher) {
    this.roomId = roomId;
    this.dispatcher = dispatcher;
    this.participants = new HashSet<>(participants);
    participants.stream().filter(isOnline).forEach(online::add);
  }

  /** Queues the snapshot for {@code subscriber} and adds it; its events follow the snapshot. */
  void add(SignalSubscriber<PresenceEvent> subscriber) {
    PresenceEvent first = PresenceEvent.snapshot(snapshot());
    dispatcher.enqueue(() -> subscriber.deliver(first));
    subscribers.add(subscriber);
  }

  /** Removes {@code subscriber}; returns whether none is left. */
  boolean remove(SignalSubscriber<PresenceEvent> subscriber) {
    subscribers.remove(subscriber);
    return subscribers.isEmpty();
  }

  PresenceSnapshot snapshot() {
    return snapshot(roomId, online);
  }

  /** The snapshot of a room whose online participants are {@code online} (sorted). */
  static PresenceSnapshot snapshot(long roomId, Set<String> online) {
    return new PresenceSnapshot(
        roomId, online.stream().limit(PresenceSnapshot.MAX_NAMES).toList(), online.size());
  }

  /** The user came online somewhere. */
  void online(String user) {
    if (participants.contains(user) && online.add(user)) {
      emit(PresenceEvent.Type.ONLINE, user);
    }
  }

  /** The user went offline everywhere. */
  void offline(String user) {
    if (online.remove(user)) {
      emit(PresenceEvent.Type.OFFLINE, user);
    }
  }

  /** The user became a participant; {@code isOnline} says whether they are online now. */
  void joined(String user, boolean isOnline) {
    participants.add(user);
    if (isOnline) {
      online(user);
    }
  }

  /** The user stopped being a participant. */
  void left(String user) {
    participants.remove(user);
    offline(user);
  }

  private void emit(PresenceEvent.Type type, String user) {
    PresenceEvent event = new PresenceEvent(type, roomId, user, List.of(), online.size());
    for (SignalSubscriber<PresenceEvent> subscriber : subscribers) {
      dispatcher.enqueue(() -> subscriber.deliver(event));
    }
  }
}
