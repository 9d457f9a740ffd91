package io.chatstack.kafka.internal;

import io.chatstack.core.ChatUnavailableException;
import io.chatstack.kafka.KafkaChatConfig;
import io.chatstack.kafka.TopicLayoutException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the bus's topics when missing and checks that the messages topic has the configured
 * partition count. Used once at start; not thread-safe.
 */
public final class TopicBootstrap {
  private final Admin admin;
  private final KafkaChatConfig config;

  public TopicBootstrap(Admin admin, KafkaChatConfig config) {
    this.admin = admin;
    this.config = config;
  }

  /**
   * Ensures the messages, events and dead-letter topics exist and returns the partition counts of
   * the first two (messages topic first).
   *
   * @throws TopicLayoutException when the messages topic has a different partition count
   * @throws ChatUnavailableException when Kafka does not answer within the send timeout
   */
  public int[] ensureTopics() {
    int messages = ensure(config.messagesTopic(), config.partitions());
    if (messages != config.partitions()) {
      throw new TopicLayoutException(
          "Topic '"
              + config.messagesTopic()
              + "' has "
              + messages
              + " partitions but "
              + config.partitions()
              + " are configured. A room's partition depends on the"
              + " partition count, so changing it would break the order of seq; configure partitions="
              + messages
              + " or use a new topic.");
    }
    int events = ensure(config.eventsTopic(), config.eventPartitions());
    // Dead letters are rare and re-driven by hand: one partition keeps them in one order.
    ensure(config.deadLettersTopic(), 1);
    return new int[] {messages, events};
  }

  private int ensure(String topic, int partitions) {
    Optional<Integer> existing = describe(topic);
    if (existing.isPresent()) {
      return existing.get();
    }
    Optional<Short> replication =
        config.replicationFactor().isPresent()
            ? Optional.of((short) config.replicationFactor().getAsInt())
            : Optional.empty();
    try {
      await(
          admin
              .createTopics(List.of(new NewTopic(topic, Optional.of(partitions), replication)))
              .all(),
          topic);
    } catch (TopicExistsException e) {
      // Another node created it at the same time; its description decides below.
    }
    // A new topic's metadata reaches every broker shortly after creation.
    long deadline = System.nanoTime() + config.sendTimeout().toNanos();
    while (true) {
      Optional<Integer> created = describe(topic);
      if (created.isPresent()) {
        return created.get();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new ChatUnavailableException(
            "Topic '"
                + topic
                + "' was created but did not become visible within "
                + config.sendTimeout());
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ChatUnavailableException(
            "Interrupted while waiting for topic '" + topic + "'", e);
      }
    }
  }

  private Optional<Integer> describe(String topic) {
    try {
      Map<String, TopicDescription> found =
          await(admin.describeTopics(List.of(topic)).allTopicNames(), topic);
      return Optional.of(found.get(topic).partitions().size());
    } catch (UnknownTopicOrPartitionException e) {
      return Optional.empty();
    }
  }

  private <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String topic) {
    long ms = config.sendTimeout().toMillis();
    try {
      return future.get(ms, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatUnavailableException(
          "Interrupted while preparing Kafka topic '" + topic + "'", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r
          && (r instanceof TopicExistsException || r instanceof UnknownTopicOrPartitionException)) {
        throw r;
      }
      throw unavailable(topic, e.getCause());
    } catch (TimeoutException e) {
      throw unavailable(topic, e);
    }
  }

  private ChatUnavailableException unavailable(String topic, Throwable cause) {
    return new ChatUnavailableException(
        "Kafka at "
            + config.bootstrapServers()
            + " did not answer within "
            + config.sendTimeout()
            + " while preparing topic '"
            + topic
            + "': "
            + cause,
        cause);
  }
}
