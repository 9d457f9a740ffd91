package io.chatstack.kafka;

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
import io.chatstack.core.internal.StoreLookups;
import io.chatstack.core.internal.StoreThenLog;
import io.chatstack.kafka.internal.KafkaClients;
import io.chatstack.kafka.internal.Pipeline;
import io.chatstack.kafka.internal.RecordCodec;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.producer.ProducerRecord;

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
 * <p>The bus owns its store: {@link #history} and {@link #since} read it, and a {@code ChatService}
 * built with this bus uses it for history; give the store to nothing else.
 *
 * <p>Health: {@link #health()} and {@link #persisterLag()} report the cluster's state with the
 * bus's own admin client (Spring Boot's health indicator and lag gauge are thin adapters).
 *
 * <p>Lifecycle: the constructor connects, creates missing topics and starts the fan-out and
 * persister threads; {@link #close()} stops them. Thread-safe.
 */
public final class KafkaMessageBus implements MessageBus {

  private final KafkaChatConfig config;
  private final MessageStore store;
  private final Pipeline pipeline;
  private final StoreLookups storeLookups;
  private final ClientMsgIds clientMsgIds;
  private final StoreThenLog since;
  private final AtomicLongArray knownEnds;
  private final Object[] endReads;
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
    this(config, store, List.of());
  }

  /**
   * As {@link #KafkaMessageBus(KafkaChatConfig, MessageStore)}; this node's persister calls {@code
   * persistListeners} (in list order, on the persister thread) after each batch is stored and
   * before its offsets are committed, so delivery is at least once cluster-wide. A throwing
   * listener is retried ({@link KafkaChatConfig#afterPersistMaxAttempts()} calls, backoff from
   * {@link KafkaChatConfig#afterPersistInitialBackoff()} doubling) and then the batch is
   * dead-lettered: written to {@link KafkaChatConfig#deadLettersTopic()} (see {@link DeadLetter}),
   * logged at ERROR and counted in {@link #deadLettered()}; storage continues.
   */
  public KafkaMessageBus(
      KafkaChatConfig config, MessageStore store, List<PersistListener> persistListeners) {
    Objects.requireNonNull(persistListeners, "persistListeners");
    this.config = Objects.requireNonNull(config, "config");
    this.store = Objects.requireNonNull(store, "store");
    this.storeLookups = new StoreLookups(store, config.nodeId(), config.sendTimeout());
    this.clientMsgIds = new ClientMsgIds(config.dedupWindow(), storeLookups::find);
    try {
      this.pipeline =
          Pipeline.start(new KafkaClients(config), config, store, clientMsgIds, persistListeners);
    } catch (RuntimeException e) {
      storeLookups.close();
      throw e;
    }
    this.since = StoreThenLog.of(store, pipeline, clientMsgIds, storeLookups);
    this.knownEnds = new AtomicLongArray(pipeline.partitions());
    this.endReads = new Object[pipeline.partitions()];
    Arrays.setAll(endReads, p -> new Object());
  }

  /**
   * Batches this node's persister dead-lettered because a {@link PersistListener} still failed
   * after its last attempt (written to the dead-letter topic and logged at ERROR with the record
   * ids; counted once per listener and batch); storage continued.
   */
  public long deadLettered() {
    return pipeline.deadLettered();
  }

  /** Failed {@link PersistListener} calls of this node's persister, each retry counted. */
  public long afterPersistFailures() {
    return pipeline.afterPersistFailures();
  }

  /**
   * Message records this node's fan-out read so far. Every node reads every partition, so this
   * grows with the whole cluster's traffic; see {@link #fanOutRecordsParsed()}.
   */
  public long fanOutRecordsRead() {
    return pipeline.fanOut().recordsRead();
  }

  /**
   * Message records this node's fan-out parsed so far: those of rooms with a subscriber on this
   * node when the record was read. The others cost only their key and a header, so a node's fan-out
   * work follows its own rooms' traffic.
   */
  public long fanOutRecordsParsed() {
    return pipeline.fanOut().recordsParsed();
  }

  @Override
  public CompletableFuture<ChatMessage> publish(ChatMessage message) {
    Objects.requireNonNull(message, "message");
    if (closed) {
      return CompletableFuture.failedFuture(
          new ChatUnavailableException("The Kafka message bus is closed"));
    }
    return clientMsgIds.publish(message, this::append).copy();
  }

  /**
   * Produces the record; completes (on the callback thread) with the message at its offset once
   * Kafka acknowledged it and this node's fan-out read it (bounded), so that {@link ClientMsgIds}
   * answers with the log's first record of its clientMsgId even if another node raced it in.
   */
  private CompletableFuture<ChatMessage> append(ChatMessage message) {
    CompletableFuture<ChatMessage> result = new CompletableFuture<>();
    int partition = RecordCodec.partition(message.roomId(), pipeline.partitions());
    ProducerRecord<byte[], byte[]> record =
        RecordCodec.messageRecord(config.messagesTopic(), partition, message);
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
                // Durable now; wait (bounded) until this node's fan-out read it.
                long offset = metadata.offset();
                CompletableFuture<Void> read = new CompletableFuture<>();
                pipeline.fanOut().whenProcessed(partition, offset, () -> read.complete(null));
                read.completeOnTimeout(null, config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .thenRunAsync(
                        () -> result.complete(message.withSeq(offset)), pipeline.callbacks());
              });
    } catch (RuntimeException e) {
      result.completeExceptionally(notAcknowledged(message, e));
    }
    return result;
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

  /**
   * {@inheritDoc} Here a seq is the record's offset in the room's partition. A seq below what this
   * node's fan-out has read is within the log at no cost; for a higher one (this node's fan-out is
   * behind another node's, or the seq is made up) the partition's end is read from Kafka: below it,
   * the seq is kept; at or beyond it, the result is the end minus one, below the offset of any
   * record published from now on.
   *
   * @throws io.chatstack.core.ChatUnavailableException when Kafka does not tell the end in time
   */
  @Override
  public long withinLog(long roomId, long afterSeq) {
    // (Ends read before, per partition: a seq below one of them is within the log at no cost.)
    if (afterSeq < 0) {
      return afterSeq;
    }
    int partition = RecordCodec.partition(roomId, pipeline.partitions());
    if (afterSeq < pipeline.fanOut().processed(partition) || afterSeq < knownEnds.get(partition)) {
      return afterSeq;
    }
    long end = end(partition, afterSeq);
    return afterSeq < end ? afterSeq : end - 1;
  }

  /**
   * The partition's end, read from Kafka unless a read that finished meanwhile already passed
   * {@code afterSeq}: one read at a time per partition, so a storm of resumes costs one read, not
   * one consumer each.
   */
  private long end(int partition, long afterSeq) {
    synchronized (endReads[partition]) {
      long known = knownEnds.get(partition);
      if (afterSeq < known) {
        return known;
      }
      long end = pipeline.reader().endOffset(partition);
      return knownEnds.accumulateAndGet(partition, end, Math::max); // an end only grows
    }
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
   * the store again. At most {@link HistoryQuery#MAX_LIMIT} records are returned per call.
   */
  @Override
  public List<ChatMessage> since(long roomId, long afterSeq, int limit) {
    return since.since(roomId, afterSeq, limit);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads the persisters' committed offset of the room's partition, asks the store (waiting at
   * most as long as a clientMsgId lookup, see above), and when the store has no such message reads
   * the partition from that offset to its end, so a message acknowledged a moment ago is found
   * before it is stored.
   *
   * @throws ChatUnavailableException when neither the store nor the log can tell
   */
  @Override
  public Optional<ChatMessage> find(long roomId, String messageId) {
    Objects.requireNonNull(messageId, "messageId");
    long storedBelow = pipeline.storedBelow(roomId);
    ChatUnavailableException storeDown;
    try {
      Optional<ChatMessage> stored = storeLookups.findById(roomId, messageId);
      if (stored.isPresent()) {
        return stored;
      }
      storeDown = null;
    } catch (ChatUnavailableException e) {
      storeDown = e;
    }
    List<ChatMessage> unstored =
        pipeline.read(
            roomId,
            storedBelow,
            1,
            m -> !m.isChange() && m.id().equals(messageId) && clientMsgIds.notADuplicate(m));
    if (!unstored.isEmpty()) {
      return Optional.of(unstored.get(0));
    }
    if (storeDown != null) {
      throw storeDown;
    }
    return Optional.empty();
  }

  /**
   * {@inheritDoc}
   *
   * <p>First waits (at most the send timeout) until the persisters stored every record the log held
   * when called, so that a message sent just before is erased too, then erases in the store.
   *
   * @throws ChatUnavailableException when the persisters did not catch up in time (the store may be
   *     down) or the store fails; nothing was erased in the first case, call again
   */
  @Override
  public long eraseSender(String sender) {
    Objects.requireNonNull(sender, "sender");
    pipeline.state().awaitPersisted(config.sendTimeout());
    return store.eraseSender(sender);
  }

  @Override
  public long eraseRoom(long roomId) {
    pipeline.state().awaitPersisted(config.sendTimeout());
    return store.eraseRoom(roomId);
  }

  @Override
  public HistoryPage history(long roomId, HistoryQuery query) {
    return store.page(roomId, query);
  }

  /**
   * Asks the cluster who it is, with the bus's own admin client: what a health check shows.
   *
   * @throws ChatUnavailableException when Kafka does not answer within 5 s (or the send timeout, if
   *     shorter)
   */
  public KafkaHealth health() {
    return pipeline.state().health();
  }

  /**
   * Messages in the messages topic that the persister group has not yet confirmed stored: the log
   * end minus the group's committed offset, summed over the partitions. Read with the bus's own
   * admin client, on the calling thread.
   *
   * @throws ChatUnavailableException when Kafka does not answer within 5 s (or the send timeout, if
   *     shorter)
   */
  public long persisterLag() {
    return pipeline.state().persisterLag();
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
    clientMsgIds.close(new ChatUnavailableException("The Kafka message bus was closed"));
  }
}
