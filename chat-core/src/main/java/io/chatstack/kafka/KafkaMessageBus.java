package io.chatstack.kafka;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageBus;
import io.chatstack.core.MessageListener;
import io.chatstack.core.MessageStore;
import io.chatstack.core.RoomEvent;
import io.chatstack.core.RoomEventListener;
import io.chatstack.core.Subscription;
import io.chatstack.kafka.internal.KafkaClients;
import io.chatstack.kafka.internal.Pipeline;
import io.chatstack.kafka.internal.RecentMessages.Key;
import io.chatstack.kafka.internal.RecordCodec;
import io.chatstack.kafka.internal.StoreLookups;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MessageBus} on Apache Kafka: the ordered, durable, multi-node log of chatstack.
 *
 * <p>A message's record is keyed by its room, so a room lives in one partition of the messages
 * topic and its seq is the record's offset there. Each node reads every partition itself and
 * delivers to its local listeners (on the bus's fan-out thread, in seq order); a consumer group
 * shared by all nodes writes the log to the {@link MessageStore} and commits only what was stored.
 * A publish completes once Kafka acknowledged the record (acks=all, idempotent producer) and this
 * node's fan-out has read it, or fails with {@link ChatUnavailableException} after {@link
 * KafkaChatConfig#sendTimeout()}. See {@code docs/guarantees.md} for the delivery guarantees.
 *
 * <p>Idempotency: a message whose clientMsgId the fan-out saw recently (the last {@link
 * KafkaChatConfig#dedupWindow()} messages) completes with the original. An older clientMsgId is
 * looked up in the store, but a send never waits for that lookup longer than a quarter of the send
 * timeout (at most 1 s), and after a lookup failed or timed out the next 5 s of sends skip it: when
 * the store is slow or down, the message is sent and the store's unique index keeps a second copy
 * out of history. Messages without a client-chosen clientMsgId skip all of this.
 *
 * <p>Lifecycle: the constructor connects, creates missing topics and starts the fan-out and
 * persister threads; {@link #close()} stops them. Thread-safe.
 */
public final class KafkaMessageBus implements MessageBus {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaMessageBus.class);

  private final KafkaChatConfig config;
  private final MessageStore store;
  private final Pipeline pipeline;
  private final Map<Key, CompletableFuture<ChatMessage>> inflight = new ConcurrentHashMap<>();
  private final StoreLookups storeLookups;
  private volatile boolean closed;

  /**
   * Connects to Kafka, creates missing topics and starts reading.
   *
   * @param store where the persister writes; must be shared by all nodes using the same topics
   * @throws TopicLayoutException when the messages topic has a different partition count than
   *     configured
   * @throws ChatUnavailableException when Kafka does not answer within the send timeout
   */
  public KafkaMessageBus(KafkaChatConfig config, MessageStore store) {
    this.config = Objects.requireNonNull(config, "config");
    this.store = Objects.requireNonNull(store, "store");
    this.pipeline = Pipeline.start(new KafkaClients(config), config, store);
    this.storeLookups = new StoreLookups(store, config.nodeId(), config.sendTimeout());
  }

  @Override
  public CompletableFuture<ChatMessage> publish(ChatMessage message) {
    Objects.requireNonNull(message, "message");
    if (closed) {
      return CompletableFuture.failedFuture(
          new ChatUnavailableException("The Kafka message bus is closed"));
    }
    CompletableFuture<ChatMessage> result = new CompletableFuture<>();
    if (message.clientMsgId().equals(message.id())) {
      // The key was generated for this very message, so it cannot have been sent before.
      send(message, result);
      return result.copy();
    }
    Key key = new Key(message.roomId(), message.clientMsgId());
    Optional<ChatMessage> known = pipeline.recent().find(key.roomId(), key.clientMsgId());
    if (known.isPresent()) {
      return CompletableFuture.completedFuture(known.get());
    }
    CompletableFuture<ChatMessage> earlier = inflight.putIfAbsent(key, result);
    if (earlier != null) {
      return earlier.copy();
    }
    result.whenComplete((m, e) -> inflight.remove(key, result));
    known =
        pipeline
            .recent()
            .find(key.roomId(), key.clientMsgId())
            .or(() -> storeLookups.find(key.roomId(), key.clientMsgId()));
    if (known.isPresent()) {
      result.complete(known.get());
    } else {
      send(message, result);
    }
    return result.copy();
  }

  private void send(ChatMessage message, CompletableFuture<ChatMessage> result) {
    int partition = RecordCodec.partition(message.roomId(), pipeline.partitions());
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            config.messagesTopic(),
            partition,
            RecordCodec.key(message.roomId()),
            RecordCodec.value(message));
    try {
      pipeline
          .producer()
          .send(
              record,
              (metadata, error) -> {
                if (error != null) {
                  pipeline
                      .callbacks()
                      .execute(() -> result.completeExceptionally(notAcknowledged(message, error)));
                  return;
                }
                // Durable now. Wait (bounded) until this node's fan-out read it, so the answer is
                // the log's
                // first record with this clientMsgId even if another node raced the same message
                // in.
                long offset = metadata.offset();
                CompletableFuture<Void> read = new CompletableFuture<>();
                pipeline.fanOut().whenProcessed(partition, offset, () -> read.complete(null));
                read.completeOnTimeout(null, config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .thenRunAsync(
                        () -> {
                          Optional<ChatMessage> first =
                              pipeline.recent().find(message.roomId(), message.clientMsgId());
                          result.complete(first.orElse(message.withSeq(offset)));
                        },
                        pipeline.callbacks());
              });
    } catch (RuntimeException e) {
      result.completeExceptionally(notAcknowledged(message, e));
    }
  }

  private ChatUnavailableException notAcknowledged(ChatMessage message, Throwable error) {
    return new ChatUnavailableException(
        "Kafka at "
            + config.bootstrapServers()
            + " did not acknowledge message "
            + message.id()
            + " of room "
            + message.roomId()
            + " within "
            + config.sendTimeout()
            + ": "
            + error,
        error);
  }

  @Override
  public Subscription subscribe(long roomId, MessageListener listener) {
    return pipeline.fanOut().subscribe(roomId, Objects.requireNonNull(listener, "listener"));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads the store up to the persisters' committed offset of the room's partition, then the
   * rest of the partition from Kafka up to its end at call time. When the store fails, everything
   * is read from the log, and for the next 5 s calls go to the log directly instead of waiting for
   * the store again. At most {@link HistoryQuery#MAX_LIMIT} messages are returned per call.
   */
  @Override
  public List<ChatMessage> since(long roomId, long afterSeq, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    if (afterSeq == Long.MAX_VALUE) {
      return List.of();
    }
    int max = Math.min(limit, HistoryQuery.MAX_LIMIT);
    int partition = RecordCodec.partition(roomId, pipeline.partitions());
    long committed = pipeline.committed().of(partition);
    Optional<List<ChatMessage>> stored = storedPart(roomId, afterSeq, max, committed);
    List<ChatMessage> result = stored.orElseGet(ArrayList::new);
    // Without the store's part the log is read from the start of what is asked for.
    long readFrom = Math.max(afterSeq + 1, stored.isPresent() ? committed : 0);
    if (result.size() >= max) {
      return result;
    }
    Set<String> seen = new HashSet<>();
    result.forEach(m -> seen.add(m.clientMsgId()));
    result.addAll(
        pipeline
            .reader()
            .read(
                partition,
                roomId,
                readFrom,
                max - result.size(),
                m -> {
                  Optional<ChatMessage> first = pipeline.recent().find(m.roomId(), m.clientMsgId());
                  return (first.isEmpty() || first.get().seq() == m.seq())
                      && seen.add(m.clientMsgId());
                }));
    return result;
  }

  /**
   * The room's stored messages after {@code afterSeq} below the persisters' committed offset (a
   * mutable list), or empty when the store failed just now or within the last few seconds (then it
   * is not waited for again: the log has everything).
   */
  private Optional<List<ChatMessage>> storedPart(
      long roomId, long afterSeq, int max, long committed) {
    if (storeLookups.storeRecentlyFailed()) {
      return Optional.empty();
    }
    try {
      List<ChatMessage> stored = new ArrayList<>();
      for (ChatMessage m : store.page(roomId, HistoryQuery.after(afterSeq, max)).messages()) {
        if (m.seq() < committed) {
          stored.add(m);
        }
      }
      return Optional.of(stored);
    } catch (RuntimeException e) {
      LOG.debug(
          "Store unavailable for since({}, {}); reading the log instead", roomId, afterSeq, e);
      storeLookups.storeFailed();
      return Optional.empty();
    }
  }

  @Override
  public CompletableFuture<Void> publishRoomEvent(RoomEvent event) {
    Objects.requireNonNull(event, "event");
    if (closed) {
      return CompletableFuture.failedFuture(
          new ChatUnavailableException("The Kafka message bus is closed"));
    }
    CompletableFuture<Void> result = new CompletableFuture<>();
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            config.eventsTopic(), RecordCodec.key(event.room().id()), RecordCodec.value(event));
    try {
      pipeline
          .producer()
          .send(
              record,
              (metadata, error) ->
                  pipeline
                      .callbacks()
                      .execute(
                          () -> {
                            if (error != null) {
                              result.completeExceptionally(
                                  new ChatUnavailableException(
                                      "Kafka did not acknowledge the "
                                          + event.kind()
                                          + " event of room "
                                          + event.room().id()
                                          + " within "
                                          + config.sendTimeout()
                                          + ": "
                                          + error,
                                      error));
                            } else {
                              result.complete(null);
                            }
                          }));
    } catch (RuntimeException e) {
      result.completeExceptionally(
          new ChatUnavailableException("Cannot publish room event: " + e, e));
    }
    return result.copy();
  }

  @Override
  public Subscription subscribeRoomEvents(RoomEventListener listener) {
    return pipeline.fanOut().subscribeRoomEvents(Objects.requireNonNull(listener, "listener"));
  }

  /** Flushes pending sends (bounded), stops the threads and closes the clients. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    pipeline.close();
    storeLookups.close();
    ChatUnavailableException gone =
        new ChatUnavailableException("The Kafka message bus was closed");
    inflight.values().forEach(f -> f.completeExceptionally(gone));
  }
}
