package io.chatstack.kafka;

import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.Signal;
import io.chatstack.core.SignalBus;
import io.chatstack.core.Subscription;
import io.chatstack.json.ChatJson;
import io.chatstack.kafka.internal.KafkaClients;
import io.chatstack.kafka.internal.SignalTopic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SignalBus} on Apache Kafka: presence, typing and read notifications between nodes on the
 * topic {@link KafkaChatConfig#signalsTopic()} (one partition, 60 s retention, created when
 * missing). Each signal is one record without key or headers whose value is the {@link ChatJson} of
 * the {@link Signal}. Every node reads the partition itself, without consumer group, from the end
 * it found at construction: signals sent while a node was down are not replayed to it, and every
 * node receives every signal, its own included. Publishing is fire-and-forget (acks=1, linger a few
 * milliseconds); a failed send is logged, never thrown.
 *
 * <p>Threading: {@link #publish} may be called from any thread and does not wait for Kafka;
 * listeners are called on this bus's one daemon thread ({@code chatstack-signals-<node>}), one
 * signal at a time, in the partition's order. A listener that throws is logged and the others still
 * receive the signal.
 *
 * <p>Lifecycle: the constructor creates the topic if needed, connects and starts the thread; {@link
 * #close()} stops the thread and closes the clients (pending signals are sent first, for at most a
 * few seconds). Thread-safe.
 */
public final class KafkaSignalBus implements SignalBus {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSignalBus.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final int LINGER_MS = 2;
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);

  private final KafkaChatConfig config;
  private final TopicPartition partition;
  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<Consumer<Signal>> listeners = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean closed;

  /**
   * Creates the signals topic when missing, connects and starts reading from the topic's end.
   *
   * @throws ChatUnavailableException when Kafka does not answer within the send timeout
   */
  public KafkaSignalBus(KafkaChatConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.partition = new TopicPartition(config.signalsTopic(), 0);
    KafkaClients clients = new KafkaClients(config);
    try (Admin admin = clients.admin()) {
      new SignalTopic(admin, config).ensure();
    }
    this.consumer = clients.assignedConsumer("signals", "latest");
    try {
      consumer.assign(List.of(partition));
      consumer.seekToEnd(List.of(partition));
      consumer.position(partition, config.sendTimeout()); // fixes the start before we return
      this.producer = producer(config);
    } catch (RuntimeException e) {
      KafkaClients.closeQuietly(consumer, Duration.ZERO, "signals");
      throw new ChatUnavailableException(
          "Cannot read the signals topic '" + config.signalsTopic() + "': " + e, e);
    }
    this.thread = new Thread(this::run, "chatstack-signals-" + config.nodeId());
    thread.setDaemon(true);
    thread.start();
  }

  private static KafkaProducer<byte[], byte[]> producer(KafkaChatConfig config) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, config.nodeId() + "-signals-producer");
    p.putAll(config.clientOverrides());
    int timeout = (int) Math.min(Integer.MAX_VALUE - LINGER_MS, config.sendTimeout().toMillis());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout + LINGER_MS);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(timeout, 2_000));
    p.putAll(config.producerOverrides());
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public void publish(Signal signal) {
    Objects.requireNonNull(signal, "signal");
    if (closed) {
      return;
    }
    try {
      producer.send(
          new ProducerRecord<>(partition.topic(), 0, null, ChatJson.toBytes(signal)),
          (metadata, error) -> {
            if (error != null) {
              LOG.debug("Signal {} not sent", signal.kind(), error);
            }
          });
    } catch (RuntimeException e) {
      LOG.debug("Signal {} not sent", signal.kind(), e);
    }
  }

  @Override
  public Subscription subscribe(Consumer<Signal> listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private void run() {
    try {
      while (!closed && !Thread.currentThread().isInterrupted()) {
        poll();
      }
    } finally {
      KafkaClients.closeQuietly(consumer, CLOSE_TIMEOUT, "signals");
    }
  }

  /** One poll; a failure is logged and, after a pause, the next poll tries again. */
  private void poll() {
    try {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        deliver(record);
      }
    } catch (WakeupException e) {
      // close() woke us up; the loop ends
    } catch (RuntimeException e) {
      if (!closed) {
        LOG.warn("Reading the signals topic '{}' failed; retrying", config.signalsTopic(), e);
        pause();
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(RETRY_PAUSE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void deliver(ConsumerRecord<byte[], byte[]> record) {
    Signal signal;
    try {
      signal = ChatJson.fromJson(record.value(), Signal.class);
    } catch (RuntimeException e) {
      LOG.warn("Skipping malformed signal at offset {}", record.offset(), e);
      return;
    }
    for (Consumer<Signal> listener : listeners) {
      try {
        listener.accept(signal);
      } catch (RuntimeException e) {
        LOG.warn("Signal listener failed on {}", signal.kind(), e);
      }
    }
  }

  /** Stops the thread, then sends what is pending and closes the clients. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    consumer.wakeup();
    try {
      thread.join(CLOSE_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    listeners.clear();
    producer.close(CLOSE_TIMEOUT);
  }
}
