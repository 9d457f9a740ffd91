package io.chatstack.kafka.internal;

import io.chatstack.core.ChatUnavailableException;
import io.chatstack.kafka.KafkaChatConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the signals topic when missing: one partition (signals of one sender stay in order),
 * retention {@value #RETENTION_MS} ms, cleanup by deletion. Used once at start; not thread-safe.
 */
public final class SignalTopic {
  /** Retention of the signals topic: signals are read live, never replayed. */
  public static final long RETENTION_MS = 60_000;

  private final Admin admin;
  private final KafkaChatConfig config;

  public SignalTopic(Admin admin, KafkaChatConfig config) {
    this.admin = admin;
    this.config = config;
  }

  /**
   * Ensures the topic exists and is visible.
   *
   * @throws ChatUnavailableException when Kafka does not answer within the send timeout
   */
  public void ensure() {
    String topic = config.signalsTopic();
    if (exists(topic)) {
      return;
    }
    Optional<Short> replication =
        config.replicationFactor().isPresent()
            ? Optional.of((short) config.replicationFactor().getAsInt())
            : Optional.empty();
    NewTopic newTopic =
        new NewTopic(topic, Optional.of(1), replication)
            .configs(
                Map.of("retention.ms", Long.toString(RETENTION_MS), "cleanup.policy", "delete"));
    try {
      await(admin.createTopics(List.of(newTopic)).all(), topic);
    } catch (TopicExistsException e) {
      // another node created it at the same time
    }
    long deadline = System.nanoTime() + config.sendTimeout().toNanos();
    while (!exists(topic)) {
      if (System.nanoTime() - deadline > 0) {
        throw new ChatUnavailableException(
            "Topic '"
                + topic
                + "' was created but did not become visible within "
                + config.sendTimeout());
      }
      pause(Duration.ofMillis(50), topic);
    }
  }

  private boolean exists(String topic) {
    try {
      await(admin.describeTopics(List.of(topic)).allTopicNames(), topic);
      return true;
    } catch (UnknownTopicOrPartitionException e) {
      return false;
    }
  }

  private <T> T await(KafkaFuture<T> future, String topic) {
    try {
      return future.get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatUnavailableException("Interrupted while preparing topic '" + topic + "'", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException
          || e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw (RuntimeException) e.getCause();
      }
      throw unavailable(topic, e.getCause());
    } catch (TimeoutException e) {
      throw unavailable(topic, e);
    }
  }

  private static void pause(Duration duration, String topic) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatUnavailableException("Interrupted while waiting for topic '" + topic + "'", e);
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
