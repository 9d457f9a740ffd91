package io.chatstack.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PersistListener} that calls {@link OfflineNotifier}s: give it to the message bus with
 * the other persist listeners, then {@link #bind} it to the {@link ChatService} built on that bus
 * (it needs the service's rooms and presence). Batches stored before {@code bind} are not notified.
 *
 * <pre>{@code
 * OfflineNotifications offline = OfflineNotifications.builder().notifier(push).build();
 * MessageBus bus = new KafkaMessageBus(config, store, List.of(offline));
 * ChatService chat = ChatService.builder().messageBus(bus).roomRepository(rooms).build();
 * offline.bind(chat);
 * }</pre>
 *
 * <p>For each room of a stored batch it takes the room's {@link MessageType#CHAT} messages, reads
 * the room's participants ({@link ChatService#cachedRoom}) and who is online ({@link
 * Presence#snapshot}), and calls every notifier for each offline participant who did not send all
 * of those messages, unless that user was notified for that room less than {@code minInterval} ago.
 * Limits: the rate limit is kept in memory on each node, so a batch delivered again after a crash,
 * or by another node, may notify again; in a room with more than {@link PresenceSnapshot#MAX_NAMES}
 * online participants, those beyond the snapshot's names count as offline.
 *
 * <p>Thread-safe; called by the bus's persist-listener thread. Holds one entry per recently
 * notified (user, room), dropped after {@code minInterval}.
 */
public final class OfflineNotifications implements PersistListener {
  private static final Logger LOG = LoggerFactory.getLogger(OfflineNotifications.class);

  private final List<OfflineNotifier> notifiers;
  private final Duration minInterval;
  private final Clock clock;
  private final Map<Key, Instant> lastNotified = new ConcurrentHashMap<>();
  private volatile ChatService chat;
  private volatile Instant nextPrune = Instant.MIN;

  private OfflineNotifications(Builder b) {
    notifiers = List.copyOf(b.notifiers);
    minInterval = b.minInterval;
    clock = b.clock;
  }

  /** A builder without notifiers, min-interval 60 s, the UTC system clock. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts notifying with the rooms and presence of {@code chatService}. Call once, after the
   * service is built on the bus this listener was given to.
   *
   * @throws IllegalStateException when already bound
   */
  public synchronized void bind(ChatService chatService) {
    Objects.requireNonNull(chatService, "chatService");
    if (chat != null) {
      throw new IllegalStateException("OfflineNotifications is already bound to a ChatService");
    }
    chat = chatService;
  }

  /** The notifiers, in call order. */
  public List<OfflineNotifier> notifiers() {
    return notifiers;
  }

  /** Shortest time between two notifications of one user about one room. */
  public Duration minInterval() {
    return minInterval;
  }

  @Override
  public void afterPersist(List<ChatMessage> batch) {
    ChatService service = chat;
    if (service == null || notifiers.isEmpty()) {
      return;
    }
    Map<Long, List<ChatMessage>> chats = new LinkedHashMap<>();
    for (ChatMessage m : batch) {
      if (m.type() == MessageType.CHAT) {
        chats.computeIfAbsent(m.roomId(), r -> new ArrayList<>()).add(m);
      }
    }
    if (chats.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    prune(now);
    chats.forEach((roomId, messages) -> notifyRoom(service, roomId, messages, now));
  }

  private void notifyRoom(
      ChatService service, long roomId, List<ChatMessage> messages, Instant now) {
    Set<String> participants;
    Set<String> online;
    try {
      participants = service.cachedRoom(roomId).participants();
      online = new HashSet<>(service.presence().snapshot(roomId).online());
    } catch (RoomNotFoundException e) {
      return; // deleted since: nobody to notify
    } catch (RuntimeException e) {
      LOG.warn(
          "Cannot read room {} or its presence; its offline notifications are skipped", roomId, e);
      return;
    }
    for (String user : participants) {
      if (online.contains(user)) {
        continue;
      }
      List<ChatMessage> missed = messages.stream().filter(m -> !m.sender().equals(user)).toList();
      if (missed.isEmpty() || !due(new Key(user, roomId), now)) {
        continue;
      }
      for (OfflineNotifier notifier : notifiers) {
        try {
          notifier.notifyOffline(user, roomId, missed);
        } catch (RuntimeException e) {
          LOG.warn("OfflineNotifier {} failed for {} in room {}", notifier, user, roomId, e);
        }
      }
    }
  }

  /** Whether the user may be notified about the room now; if so, records it. */
  private boolean due(Key key, Instant now) {
    boolean[] due = {false};
    lastNotified.compute(
        key,
        (k, last) -> {
          if (last == null || !now.isBefore(last.plus(minInterval))) {
            due[0] = true;
            return now;
          }
          return last;
        });
    return due[0];
  }

  private void prune(Instant now) {
    if (now.isBefore(nextPrune)) {
      return;
    }
    nextPrune = now.plus(minInterval);
    Instant expired = now.minus(minInterval);
    lastNotified.values().removeIf(last -> !last.isAfter(expired));
  }

  private record Key(String user, long roomId) {}

  /** Configures {@link OfflineNotifications}. Not thread-safe. */
  public static final class Builder {
    private final List<OfflineNotifier> notifiers = new ArrayList<>();
    private Duration minInterval = Duration.ofSeconds(60);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Adds a notifier; notifiers are called in the order added. */
    public Builder notifier(OfflineNotifier notifier) {
      notifiers.add(Objects.requireNonNull(notifier, "notifier"));
      return this;
    }

    /** Adds notifiers in list order. */
    public Builder notifiers(List<? extends OfflineNotifier> list) {
      list.forEach(this::notifier);
      return this;
    }

    /**
     * Shortest time between two notifications of one user about one room; default 60 s; 0 notifies
     * about every batch.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder minInterval(Duration interval) {
      Objects.requireNonNull(interval, "minInterval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("minInterval must not be negative, was " + interval);
      }
      minInterval = interval;
      return this;
    }

    /** The clock of the rate limit (tests use a controllable one). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public OfflineNotifications build() {
      return new OfflineNotifications(this);
    }
  }
}
