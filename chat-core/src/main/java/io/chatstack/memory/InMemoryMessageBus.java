package io.chatstack.memory;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.HistoryPage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageBus;
import io.chatstack.core.MessageListener;
import io.chatstack.core.MessageStore;
import io.chatstack.core.PersistListener;
import io.chatstack.core.RoomEvent;
import io.chatstack.core.RoomEventListener;
import io.chatstack.core.Subscription;
import io.chatstack.core.internal.ClientMsgIds;
import io.chatstack.core.internal.StoreThenLog;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single-node {@link MessageBus}: seq is a per-room counter (continuing after the highest stored
 * seq, of a message or a change record), each message is written to the store synchronously before
 * the future completes, then delivered to listeners on the publishing thread while the room's lock
 * is held, which keeps every listener in seq order. Listeners must therefore be quick. A re-sent
 * clientMsgId is answered with the original under the same policy as every bus (the last {@value
 * #WINDOW} keys in memory, older ones from the store). Owns its store: history and {@link #since}
 * read it. Thread-safe; the default bus.
 */
public final class InMemoryMessageBus implements MessageBus {
  private static final Logger LOG = LoggerFactory.getLogger(InMemoryMessageBus.class);

  private static final int WINDOW = 10_000;
  private static final int PAGE = 500;

  private final MessageStore store;
  private final ClientMsgIds clientMsgIds;
  private final StoreThenLog since;
  private final Map<Long, Channel> channels = new ConcurrentHashMap<>();
  private final List<RoomEventListener> roomListeners = new CopyOnWriteArrayList<>();
  private final List<PersistListener> persistListeners;
  private volatile boolean closed;

  /** A bus that writes every message to {@code store}. */
  public InMemoryMessageBus(MessageStore store) {
    this(store, List.of());
  }

  /**
   * A bus that writes every message to {@code store} and then calls {@code persistListeners} in
   * list order with the stored record (on the publishing thread, in seq order per room).
   */
  public InMemoryMessageBus(MessageStore store, List<PersistListener> persistListeners) {
    this.persistListeners =
        List.copyOf(Objects.requireNonNull(persistListeners, "persistListeners"));
    this.store = Objects.requireNonNull(store, "store");
    this.clientMsgIds = new ClientMsgIds(WINDOW, store::findByClientMsgId);
    this.since = StoreThenLog.storeOnly(store);
  }

  @Override
  public CompletableFuture<ChatMessage> publish(ChatMessage message) {
    if (closed) {
      return CompletableFuture.failedFuture(
          new ChatUnavailableException("The message bus is closed"));
    }
    return clientMsgIds.publish(message, this::append);
  }

  private CompletableFuture<ChatMessage> append(ChatMessage message) {
    Channel channel = channel(message.roomId());
    synchronized (channel) {
      ChatMessage ordered = message.withSeq(channel.nextSeq);
      List<ChatMessage> batch = List.of(ordered);
      store.storeAll(batch);
      channel.nextSeq++;
      for (PersistListener listener : persistListeners) {
        afterPersist(listener, batch);
      }
      clientMsgIds.firstInLog(ordered);
      for (MessageListener listener : channel.listeners) {
        deliver(listener, ordered);
      }
      return CompletableFuture.completedFuture(ordered);
    }
  }

  private static void afterPersist(PersistListener listener, List<ChatMessage> batch) {
    try {
      listener.afterPersist(batch);
    } catch (RuntimeException e) {
      LOG.warn("PersistListener {} failed; batch of {} not retried", listener, batch.size(), e);
    }
  }

  @Override
  public Subscription subscribe(long roomId, MessageListener listener) {
    Channel channel = channel(roomId);
    synchronized (channel) {
      // Not during a delivery: the listener gets a record whole or not at all (see MessageBus).
      channel.listeners.add(listener);
    }
    return () -> channel.listeners.remove(listener);
  }

  /** {@inheritDoc} Here: at most the room's last seq. */
  @Override
  public long withinLog(long roomId, long afterSeq) {
    if (afterSeq < 0) {
      return afterSeq;
    }
    Channel channel = channel(roomId);
    synchronized (channel) {
      return Math.min(afterSeq, channel.nextSeq - 1);
    }
  }

  @Override
  public List<ChatMessage> since(long roomId, long afterSeq, int limit) {
    return since.since(roomId, afterSeq, limit);
  }

  /** {@inheritDoc} The store holds every message at once: it answers alone. */
  @Override
  public Optional<ChatMessage> find(long roomId, String messageId) {
    return store.findById(roomId, Objects.requireNonNull(messageId, "messageId"));
  }

  /** {@inheritDoc} The store holds every message at once: erasing it there erases everything. */
  @Override
  public long eraseSender(String sender) {
    return store.eraseSender(Objects.requireNonNull(sender, "sender"));
  }

  @Override
  public long eraseRoom(long roomId) {
    return store.eraseRoom(roomId);
  }

  @Override
  public HistoryPage history(long roomId, HistoryQuery query) {
    return store.page(roomId, query);
  }

  @Override
  public CompletableFuture<Void> publishRoomEvent(RoomEvent event) {
    synchronized (roomListeners) {
      for (RoomEventListener listener : roomListeners) {
        try {
          listener.onRoomEvent(event);
        } catch (RuntimeException e) {
          LOG.warn("Room listener failed on {}", event, e);
        }
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public Subscription subscribeRoomEvents(RoomEventListener listener) {
    roomListeners.add(listener);
    return () -> roomListeners.remove(listener);
  }

  @Override
  public void close() {
    closed = true;
    channels.values().forEach(c -> c.listeners.clear());
    roomListeners.clear();
  }

  private Channel channel(long roomId) {
    return channels.computeIfAbsent(
        roomId,
        id -> {
          // The newest message, then any change records after it: the room's last seq.
          List<ChatMessage> newest = store.page(id, HistoryQuery.latest(1)).messages();
          long last = newest.isEmpty() ? 0 : newest.get(0).seq();
          for (List<ChatMessage> page = store.records(id, last, PAGE);
              !page.isEmpty();
              page = store.records(id, last, PAGE)) {
            last = page.get(page.size() - 1).seq();
          }
          return new Channel(last + 1);
        });
  }

  private static void deliver(MessageListener listener, ChatMessage message) {
    try {
      listener.onMessage(message);
    } catch (RuntimeException e) {
      LOG.warn("Listener failed on message {} of room {}", message.id(), message.roomId(), e);
    }
  }

  private static final class Channel {
    final List<MessageListener> listeners = new CopyOnWriteArrayList<>();
    long nextSeq;

    Channel(long nextSeq) {
      this.nextSeq = nextSeq;
    }
  }
}
