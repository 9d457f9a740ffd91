package io.chatstack.kafka.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.MessageStore;
import io.chatstack.core.PersistListener;
import io.chatstack.core.internal.ClientMsgIds;
import io.chatstack.core.internal.StoreThenLog;
import io.chatstack.kafka.KafkaChatConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The started parts of one Kafka bus: clients, fan-out, persister, log reader, cluster state, and
 * the executor that completes publish futures off Kafka's I/O thread. Also the bus's log for {@link
 * StoreThenLog}: stored below the persisters' committed offset, read from the partition. Created by
 * {@link #start}, closed once. Thread-safe.
 */
public final class Pipeline implements StoreThenLog.Log {
  /** Longest wait of a health or lag query. */
  private static final Duration STATE_TIMEOUT = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final KafkaChatConfig config;
  private final Admin admin;
  private final int partitions;
  private final KafkaProducer<byte[], byte[]> producer;
  private final FanOut fanOut;
  private final Persister persister;
  private final LogReader reader;
  private final CommittedOffsets committed;
  private final ClusterState state;
  private final ExecutorService callbacks;

  private Pipeline(
      KafkaClients clients,
      KafkaChatConfig config,
      MessageStore store,
      ClientMsgIds clientMsgIds,
      List<PersistListener> persistListeners,
      Parts parts) {
    this.config = config;
    this.admin = parts.admin = clients.admin();
    int[] counts = new TopicBootstrap(admin, config).ensureTopics();
    this.partitions = counts[0];
    this.callbacks =
        parts.callbacks =
            Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r, "callbacks-" + config.nodeId());
                  t.setDaemon(true);
                  return t;
                });
    this.producer = parts.producer = clients.producer();
    this.fanOut =
        parts.fanOut =
            new FanOut(
                clients.assignedConsumer("fanout", "earliest"),
                config.messagesTopic(),
                counts[0],
                config.eventsTopic(),
                counts[1],
                clientMsgIds,
                config.nodeId());
    this.persister =
        parts.persister =
            new Persister(
                clients.persisterConsumer(),
                store,
                config.messagesTopic(),
                config.persisterMinBackoff(),
                config.persisterMaxBackoff(),
                config.nodeId(),
                new AfterPersistCalls(
                    persistListeners,
                    config.afterPersistMaxAttempts(),
                    config.afterPersistInitialBackoff(),
                    config.afterPersistMaxBackoff(),
                    new DeadLetters(
                        producer,
                        config.deadLettersTopic(),
                        config.nodeId(),
                        config.sendTimeout())));
    this.reader =
        parts.reader =
            new LogReader(
                () -> clients.assignedConsumer("reader", "earliest"),
                config.messagesTopic(),
                config.sendTimeout());
    this.committed =
        new CommittedOffsets(
            admin, config.persisterGroupId(), config.messagesTopic(), config.sendTimeout());
    Duration stateTimeout =
        config.sendTimeout().compareTo(STATE_TIMEOUT) < 0 ? config.sendTimeout() : STATE_TIMEOUT;
    this.state =
        new ClusterState(admin, committed, config.messagesTopic(), partitions, stateTimeout);
    fanOut.start();
    persister.start();
  }

  /**
   * Connects, bootstraps the topics and starts the threads; on failure closes what it opened.
   *
   * @throws ChatUnavailableException when Kafka does not answer in time
   */
  public static Pipeline start(
      KafkaClients clients, KafkaChatConfig config, MessageStore store, ClientMsgIds clientMsgIds) {
    return start(clients, config, store, clientMsgIds, List.of());
  }

  /**
   * As {@link #start(KafkaClients, KafkaChatConfig, MessageStore, ClientMsgIds)}, with listeners.
   */
  public static Pipeline start(
      KafkaClients clients,
      KafkaChatConfig config,
      MessageStore store,
      ClientMsgIds clientMsgIds,
      List<PersistListener> persistListeners) {
    Parts parts = new Parts();
    try {
      return new Pipeline(clients, config, store, clientMsgIds, persistListeners, parts);
    } catch (RuntimeException e) {
      parts.close();
      if (e instanceof KafkaException) {
        throw new ChatUnavailableException(
            "Cannot start the Kafka message bus at " + config.bootstrapServers() + ": " + e, e);
      }
      throw e;
    }
  }

  public int partitions() {
    return partitions;
  }

  public KafkaProducer<byte[], byte[]> producer() {
    return producer;
  }

  public FanOut fanOut() {
    return fanOut;
  }

  public LogReader reader() {
    return reader;
  }

  public ClusterState state() {
    return state;
  }

  @Override
  public long storedBelow(long roomId) {
    return committed.of(RecordCodec.partition(roomId, partitions));
  }

  @Override
  public List<ChatMessage> read(long roomId, long fromSeq, int max, Predicate<ChatMessage> keep) {
    return reader.read(RecordCodec.partition(roomId, partitions), roomId, fromSeq, max, keep);
  }

  public ExecutorService callbacks() {
    return callbacks;
  }

  /** Flushes the producer (bounded by the send timeout), then stops everything. */
  public void close() {
    Parts parts = new Parts();
    parts.admin = admin;
    parts.producer = producer;
    parts.fanOut = fanOut;
    parts.persister = persister;
    parts.reader = reader;
    parts.callbacks = callbacks;
    parts.flushTimeout = config.sendTimeout();
    parts.close();
  }

  /** What was opened so far, closed in dependency order. */
  private static final class Parts {
    Admin admin;
    KafkaProducer<byte[], byte[]> producer;
    FanOut fanOut;
    Persister persister;
    LogReader reader;
    ExecutorService callbacks;
    Duration flushTimeout = Duration.ZERO;

    void close() {
      // The persister first: it writes dead letters with the producer.
      run("persister", () -> persister.close(), persister);
      run("producer", () -> producer.close(flushTimeout), producer);
      run("fan-out", () -> fanOut.close(), fanOut);
      run("log reader", () -> reader.close(), reader);
      run(
          "admin",
          () -> admin.close(flushTimeout.isZero() ? Duration.ZERO : Duration.ofSeconds(5)),
          admin);
      run(
          "callbacks",
          () -> {
            callbacks.shutdown();
            if (!callbacks.awaitTermination(5, TimeUnit.SECONDS)) {
              callbacks.shutdownNow();
            }
          },
          callbacks);
    }

    private static void run(String what, Step step, Object part) {
      if (part == null) {
        return;
      }
      try {
        step.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.warn("Closing the {} failed", what, e);
      }
    }

    @FunctionalInterface
    private interface Step {
      void run() throws InterruptedException;
    }
  }

  /** Batches this node's persister dead-lettered after its PersistListeners kept failing. */
  public long deadLettered() {
    return persister.deadLettered();
  }

  /** Failed PersistListener calls of this node's persister, retries included. */
  public long afterPersistFailures() {
    return persister.afterPersistFailures();
  }
}
