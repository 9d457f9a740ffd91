package io.chatstack.kafka;

import io.chatstack.core.ChatException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Settings of a {@link KafkaMessageBus} and a {@link KafkaSignalBus}. Build with {@link
 * #builder(String)}; every setting except the bootstrap servers has a documented default.
 * Thread-safe (immutable).
 */
public final class KafkaChatConfig {
  private final String bootstrapServers;
  private final String messagesTopic;
  private final String eventsTopic;
  private final String signalsTopic;
  private final String deadLettersTopic;
  private final int partitions;
  private final int eventPartitions;
  private final OptionalInt replicationFactor;
  private final String persisterGroupId;
  private final String nodeId;
  private final Duration sendTimeout;
  private final int persisterBatchSize;

  /** Default of {@link #persisterLinger()}. */
  private static final Duration DEFAULT_LINGER = Duration.ofMillis(100);

  private final Duration persisterLinger;
  private final Duration persisterMinBackoff;
  private final Duration persisterMaxBackoff;
  private final int dedupWindow;
  private final int afterPersistMaxAttempts;
  private final Duration afterPersistInitialBackoff;
  private final Duration afterPersistMaxBackoff;
  private final Map<String, Object> clientOverrides;
  private final Map<String, Object> producerOverrides;
  private final Map<String, Object> consumerOverrides;

  private KafkaChatConfig(Builder b) {
    bootstrapServers = b.bootstrapServers;
    messagesTopic = b.messagesTopic;
    eventsTopic = b.eventsTopic;
    signalsTopic = b.signalsTopic;
    deadLettersTopic = b.deadLettersTopic;
    partitions = b.partitions;
    eventPartitions = b.eventPartitions;
    replicationFactor = b.replicationFactor;
    persisterGroupId = b.persisterGroupId;
    nodeId = b.nodeId;
    sendTimeout = b.sendTimeout;
    persisterBatchSize = b.persisterBatchSize;
    persisterLinger = b.persisterLinger;
    persisterMinBackoff = b.persisterMinBackoff;
    persisterMaxBackoff = b.persisterMaxBackoff;
    dedupWindow = b.dedupWindow;
    afterPersistMaxAttempts = b.afterPersistMaxAttempts;
    afterPersistInitialBackoff = b.afterPersistInitialBackoff;
    afterPersistMaxBackoff = b.afterPersistMaxBackoff;
    clientOverrides = Map.copyOf(b.clientOverrides);
    producerOverrides = Map.copyOf(b.producerOverrides);
    consumerOverrides = Map.copyOf(b.consumerOverrides);
  }

  /**
   * A builder for a cluster reachable at {@code bootstrapServers} ({@code host:port[,host:port]}).
   *
   * @throws ChatException with code {@code kafka-clients-missing} when kafka-clients is not on the
   *     class path
   */
  public static Builder builder(String bootstrapServers) {
    try {
      Class.forName(
          "org.apache.kafka.clients.producer.KafkaProducer",
          false,
          KafkaChatConfig.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new ChatException(
          "kafka-clients-missing",
          "The Kafka message bus needs org.apache.kafka:kafka-clients on the class path; add that dependency");
    }
    return new Builder(bootstrapServers);
  }

  /** Kafka {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Topic of chat messages and JOIN/LEAVE events; default {@code chat-messages}. */
  public String messagesTopic() {
    return messagesTopic;
  }

  /** Topic of room-list changes; default {@code chat-events}. */
  public String eventsTopic() {
    return eventsTopic;
  }

  /**
   * Topic of ephemeral signals (presence, typing, read notifications) of {@link KafkaSignalBus};
   * default {@code chat-signals}. Created with one partition and a retention of 60 s when missing.
   */
  public String signalsTopic() {
    return signalsTopic;
  }

  /**
   * Topic of dead-lettered afterPersist batches: batches a {@link
   * io.chatstack.core.PersistListener} still failed after {@link #afterPersistMaxAttempts()}
   * attempts; default {@code chat-dead-letters}. Created with one partition when missing. One
   * record per listener and room of the batch: key = room id (decimal text), value = JSON {@code
   * {listener, error, attempts, nodeId, deadLetteredAt, roomId, messages}}. See {@code
   * docs/after-persist.md} for re-driving.
   */
  public String deadLettersTopic() {
    return deadLettersTopic;
  }

  /**
   * Calls of a {@link io.chatstack.core.PersistListener} per batch before the batch is
   * dead-lettered; default 5.
   */
  public int afterPersistMaxAttempts() {
    return afterPersistMaxAttempts;
  }

  /**
   * Delay before the second call of a failing {@link io.chatstack.core.PersistListener}; doubles up
   * to {@link #afterPersistMaxBackoff()}; default 100 ms. The persister waits meanwhile, so the
   * attempts and backoffs bound how long one failing listener stalls storage per batch.
   */
  public Duration afterPersistInitialBackoff() {
    return afterPersistInitialBackoff;
  }

  /** Longest delay between two calls of a failing PersistListener; default 5 seconds. */
  public Duration afterPersistMaxBackoff() {
    return afterPersistMaxBackoff;
  }

  /** Partitions of the messages topic; default 6. Fixed once the topic exists. */
  public int partitions() {
    return partitions;
  }

  /** Partitions of the events topic when it is created; default 1. */
  public int eventPartitions() {
    return eventPartitions;
  }

  /** Replication factor of created topics; empty (the default) means the broker's default. */
  public OptionalInt replicationFactor() {
    return replicationFactor;
  }

  /** Consumer group of the persisters, shared by all nodes; default {@code chatstack-persister}. */
  public String persisterGroupId() {
    return persisterGroupId;
  }

  /**
   * Name of this node in client ids and thread names; default {@code chatstack-} plus a random
   * suffix.
   */
  public String nodeId() {
    return nodeId;
  }

  /** Longest wait for Kafka to acknowledge a send or answer a request; default 10 seconds. */
  public Duration sendTimeout() {
    return sendTimeout;
  }

  /** Most records the persister writes to the store in one batch; default 500. */
  public int persisterBatchSize() {
    return persisterBatchSize;
  }

  /**
   * How long the persister lets records gather before it stores them, when fewer than a full batch
   * (1 MiB) are waiting; default 100 ms (or half the send timeout, if that is shorter); 0 stores
   * each fetch at once. At low rates a linger turns one store write and one offset commit per
   * message into one per linger: at 100 messages/s and 100 ms, about ten messages per write.
   * Delivery, {@code since}-replays and clientMsgId look-ups do not wait for it (they read what the
   * store does not hold yet from the log), and {@code ChatService}'s history pages come from its
   * per-room tails, which hold what the store does not yet; {@link KafkaMessageBus#history} itself
   * reads the store only, so a page beyond a tail (or with the tails off) may miss a message for up
   * to the linger after its send was acknowledged. It is Kafka's own fetch wait ({@code
   * fetch.max.wait.ms}, with {@code fetch.min.bytes} 1 MiB) of the persister consumer, at most 30
   * seconds and shorter than {@link #sendTimeout()}.
   */
  public Duration persisterLinger() {
    return persisterLinger;
  }

  /**
   * First retry delay after the store failed; doubles up to {@link #persisterMaxBackoff()}; default
   * 200 ms.
   */
  public Duration persisterMinBackoff() {
    return persisterMinBackoff;
  }

  /** Longest retry delay after repeated store failures; default 10 seconds. */
  public Duration persisterMaxBackoff() {
    return persisterMaxBackoff;
  }

  /**
   * How many recent (roomId, clientMsgId) pairs each node remembers to drop re-sends; default 100
   * 000.
   */
  public int dedupWindow() {
    return dedupWindow;
  }

  /** Properties given to every Kafka client (e.g. security settings). */
  public Map<String, Object> clientOverrides() {
    return clientOverrides;
  }

  /** Properties given to the producer, applied after the bus's own settings. */
  public Map<String, Object> producerOverrides() {
    return producerOverrides;
  }

  /** Properties given to every consumer, applied after the bus's own settings. */
  public Map<String, Object> consumerOverrides() {
    return consumerOverrides;
  }

  /**
   * Configures a {@link KafkaChatConfig}. Not thread-safe. Invalid values throw
   * IllegalArgumentException.
   */
  public static final class Builder {
    private final String bootstrapServers;
    private String messagesTopic = "chat-messages";
    private String eventsTopic = "chat-events";
    private String signalsTopic = "chat-signals";
    private String deadLettersTopic = "chat-dead-letters";
    private int partitions = 6;
    private int eventPartitions = 1;
    private OptionalInt replicationFactor = OptionalInt.empty();
    private String persisterGroupId = "chatstack-persister";
    private String nodeId = "chatstack-" + UUID.randomUUID().toString().substring(0, 8);
    private Duration sendTimeout = Duration.ofSeconds(10);
    private int persisterBatchSize = 500;
    private Duration persisterLinger = DEFAULT_LINGER;
    private boolean lingerSet;
    private Duration persisterMinBackoff = Duration.ofMillis(200);
    private Duration persisterMaxBackoff = Duration.ofSeconds(10);
    private int dedupWindow = 100_000;
    private int afterPersistMaxAttempts = 5;
    private Duration afterPersistInitialBackoff = Duration.ofMillis(100);
    private Duration afterPersistMaxBackoff = Duration.ofSeconds(5);
    private final Map<String, Object> clientOverrides = new LinkedHashMap<>();
    private final Map<String, Object> producerOverrides = new LinkedHashMap<>();
    private final Map<String, Object> consumerOverrides = new LinkedHashMap<>();

    private Builder(String bootstrapServers) {
      this.bootstrapServers = text(bootstrapServers, "bootstrapServers");
    }

    /** See {@link KafkaChatConfig#messagesTopic()}. */
    public Builder messagesTopic(String topic) {
      messagesTopic = text(topic, "messagesTopic");
      return this;
    }

    /** See {@link KafkaChatConfig#eventsTopic()}. */
    public Builder eventsTopic(String topic) {
      eventsTopic = text(topic, "eventsTopic");
      return this;
    }

    /** See {@link KafkaChatConfig#signalsTopic()}. */
    public Builder signalsTopic(String topic) {
      signalsTopic = text(topic, "signalsTopic");
      return this;
    }

    /** See {@link KafkaChatConfig#deadLettersTopic()}. */
    public Builder deadLettersTopic(String topic) {
      deadLettersTopic = text(topic, "deadLettersTopic");
      return this;
    }

    /** See {@link KafkaChatConfig#afterPersistMaxAttempts()}. */
    public Builder afterPersistMaxAttempts(int attempts) {
      afterPersistMaxAttempts = positive(attempts, "afterPersistMaxAttempts");
      return this;
    }

    /**
     * See {@link KafkaChatConfig#afterPersistInitialBackoff()} and {@link
     * KafkaChatConfig#afterPersistMaxBackoff()}.
     */
    public Builder afterPersistBackoff(Duration initial, Duration max) {
      positive(initial, "afterPersistInitialBackoff");
      if (positive(max, "afterPersistMaxBackoff").compareTo(initial) < 0) {
        throw new IllegalArgumentException(
            "afterPersistMaxBackoff "
                + max
                + " is shorter than afterPersistInitialBackoff "
                + initial);
      }
      afterPersistInitialBackoff = initial;
      afterPersistMaxBackoff = max;
      return this;
    }

    /** See {@link KafkaChatConfig#partitions()}. */
    public Builder partitions(int count) {
      partitions = positive(count, "partitions");
      return this;
    }

    /** See {@link KafkaChatConfig#eventPartitions()}. */
    public Builder eventPartitions(int count) {
      eventPartitions = positive(count, "eventPartitions");
      return this;
    }

    /** See {@link KafkaChatConfig#replicationFactor()}. */
    public Builder replicationFactor(int factor) {
      replicationFactor = OptionalInt.of(positive(factor, "replicationFactor"));
      return this;
    }

    /** See {@link KafkaChatConfig#persisterGroupId()}. */
    public Builder persisterGroupId(String groupId) {
      persisterGroupId = text(groupId, "persisterGroupId");
      return this;
    }

    /** See {@link KafkaChatConfig#nodeId()}. */
    public Builder nodeId(String id) {
      nodeId = text(id, "nodeId");
      return this;
    }

    /** See {@link KafkaChatConfig#sendTimeout()}. */
    public Builder sendTimeout(Duration timeout) {
      sendTimeout = positive(timeout, "sendTimeout");
      return this;
    }

    /** See {@link KafkaChatConfig#persisterBatchSize()}. */
    public Builder persisterBatchSize(int size) {
      persisterBatchSize = positive(size, "persisterBatchSize");
      return this;
    }

    /** See {@link KafkaChatConfig#persisterLinger()}; zero or positive, at most 30 seconds. */
    public Builder persisterLinger(Duration linger) {
      Objects.requireNonNull(linger, "persisterLinger");
      if (linger.isNegative() || linger.compareTo(Duration.ofSeconds(30)) > 0) {
        throw new IllegalArgumentException(
            "persisterLinger must be between 0 and 30 seconds, was " + linger);
      }
      persisterLinger = linger;
      lingerSet = true;
      return this;
    }

    /**
     * See {@link KafkaChatConfig#persisterMinBackoff()} and {@link
     * KafkaChatConfig#persisterMaxBackoff()}.
     */
    public Builder persisterBackoff(Duration min, Duration max) {
      positive(min, "persisterMinBackoff");
      if (positive(max, "persisterMaxBackoff").compareTo(min) < 0) {
        throw new IllegalArgumentException(
            "persisterMaxBackoff " + max + " is shorter than persisterMinBackoff " + min);
      }
      persisterMinBackoff = min;
      persisterMaxBackoff = max;
      return this;
    }

    /** See {@link KafkaChatConfig#dedupWindow()}. */
    public Builder dedupWindow(int size) {
      dedupWindow = positive(size, "dedupWindow");
      return this;
    }

    /** Adds a property for every Kafka client, e.g. {@code security.protocol}. */
    public Builder clientProperty(String key, Object value) {
      clientOverrides.put(text(key, "key"), value);
      return this;
    }

    /** Adds a producer property; it wins over the bus's defaults (e.g. {@code linger.ms}). */
    public Builder producerProperty(String key, Object value) {
      producerOverrides.put(text(key, "key"), value);
      return this;
    }

    /** Adds a consumer property for the persister, fan-out and log readers. */
    public Builder consumerProperty(String key, Object value) {
      consumerOverrides.put(text(key, "key"), value);
      return this;
    }

    /** The configuration. */
    public KafkaChatConfig build() {
      if (!lingerSet && persisterLinger.compareTo(sendTimeout) >= 0) {
        persisterLinger = sendTimeout.dividedBy(2);
      }
      if (persisterLinger.compareTo(sendTimeout) >= 0) {
        throw new IllegalArgumentException(
            "persisterLinger ("
                + persisterLinger
                + ") must be shorter than sendTimeout ("
                + sendTimeout
                + "): Kafka requests of the persister time out after sendTimeout");
      }
      if (messagesTopic.equals(eventsTopic)) {
        throw new IllegalArgumentException(
            "messagesTopic and eventsTopic must differ, both are " + messagesTopic);
      }
      if (signalsTopic.equals(messagesTopic) || signalsTopic.equals(eventsTopic)) {
        throw new IllegalArgumentException(
            "signalsTopic must differ from messagesTopic and eventsTopic, is " + signalsTopic);
      }
      if (deadLettersTopic.equals(messagesTopic)
          || deadLettersTopic.equals(eventsTopic)
          || deadLettersTopic.equals(signalsTopic)) {
        throw new IllegalArgumentException(
            "deadLettersTopic must differ from the messages, events and signals topics, is "
                + deadLettersTopic);
      }
      return new KafkaChatConfig(this);
    }

    private static String text(String value, String name) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value;
    }

    private static int positive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, was " + value);
      }
      return value;
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }
  }
}
