package io.chatstack.kafka.internal;

import io.chatstack.kafka.KafkaChatConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.LoggerFactory;

/**
 * Creates the bus's Kafka clients with its settings and the user's overrides. Thread-safe
 * (stateless).
 */
public final class KafkaClients {
  /** Session timeout of the persister group's members, in milliseconds. */
  public static final int PERSISTER_SESSION_TIMEOUT_MS = 10_000;

  private final KafkaChatConfig config;

  public KafkaClients(KafkaChatConfig config) {
    this.config = config;
  }

  /** Idempotent producer: acks=all, linger 0, every wait bounded by the send timeout. */
  public KafkaProducer<byte[], byte[]> producer() {
    int timeout = timeoutMs();
    Map<String, Object> p = common("producer");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
    p.putAll(config.producerOverrides());
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** A consumer without group (for assign), reading from the given reset position. */
  public KafkaConsumer<byte[], byte[]> assignedConsumer(String role, String autoOffsetReset) {
    Map<String, Object> p = common(role);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
    return consumer(p);
  }

  /** How long the broker holds a fetch without a linger while no record comes (Kafka's default). */
  static final int IDLE_FETCH_WAIT_MS = 500;

  /** The fetch size up to which the persister waits for {@link KafkaChatConfig#persisterLinger}. */
  static final int PERSISTER_FETCH_MIN_BYTES = 1024 * 1024;

  /**
   * A member of the persister group: manual commits, starts from the earliest record, lets records
   * gather for {@link KafkaChatConfig#persisterLinger()} (the broker answers a fetch when 1 MiB is
   * there or the linger is over). Its session times out after {@value
   * #PERSISTER_SESSION_TIMEOUT_MS} ms (Kafka's default is 45 s), so when a node dies without
   * leaving the group its partitions move to another persister after about 10 s (override with the
   * consumer property {@code session.timeout.ms}).
   */
  public KafkaConsumer<byte[], byte[]> persisterConsumer() {
    Map<String, Object> p = common("persister");
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, PERSISTER_SESSION_TIMEOUT_MS);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, config.persisterGroupId());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.persisterBatchSize());
    p.putAll(persisterFetch(config.persisterLinger()));
    return consumer(p);
  }

  /**
   * The persister's fetch settings for a linger: with a linger, the broker answers when 1 MiB is
   * there or the linger is over; without one, as soon as one record is there. Either way a fetch of
   * an idle log waits at the broker: a fetch wait of 0 would answer every empty fetch at once and
   * turn the persister into a busy loop (measured: about 1,900 polls per second and a third of a
   * core on an idle node).
   */
  static Map<String, Object> persisterFetch(Duration linger) {
    long millis = linger.toMillis();
    return millis == 0
        ? Map.of(
            ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
            1,
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
            IDLE_FETCH_WAIT_MS)
        : Map.of(
            ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
            PERSISTER_FETCH_MIN_BYTES,
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
            (int) millis);
  }

  /** Admin client for topic bootstrap and the persister's committed offsets. */
  public Admin admin() {
    Map<String, Object> p = common("admin");
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs());
    return Admin.create(p);
  }

  private KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> p) {
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs());
    p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs());
    p.putAll(config.consumerOverrides());
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private Map<String, Object> common(String role) {
    Map<String, Object> p = new HashMap<>();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, config.nodeId() + "-" + role);
    p.putAll(config.clientOverrides());
    return p;
  }

  private int timeoutMs() {
    return (int) Math.min(Integer.MAX_VALUE, config.sendTimeout().toMillis());
  }

  /** Closes a consumer within {@code timeout}; a failure is only logged (we are shutting down). */
  public static void closeQuietly(Consumer<?, ?> consumer, Duration timeout, String what) {
    try {
      consumer.close(CloseOptions.timeout(timeout));
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(KafkaClients.class).debug("Closing the {} consumer failed", what, e);
    }
  }
}
