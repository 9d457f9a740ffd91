package io.chatstack.kafka.internal;

import io.chatstack.core.ChatUnavailableException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The persister group's committed offset of a partition: every record below it is in the store.
 * Thread-safe (the admin client is).
 */
public final class CommittedOffsets {
  private final Admin admin;
  private final String groupId;
  private final String topic;
  private final Duration timeout;

  public CommittedOffsets(Admin admin, String groupId, String topic, Duration timeout) {
    this.admin = admin;
    this.groupId = groupId;
    this.topic = topic;
    this.timeout = timeout;
  }

  /** The committed offset of the partition, 0 when the persisters never committed one. */
  public long of(int partition) {
    TopicPartition tp = new TopicPartition(topic, partition);
    OffsetAndMetadata committed =
        read(new ListConsumerGroupOffsetsSpec().topicPartitions(List.of(tp)), tp.toString())
            .get(tp);
    return committed == null ? 0 : committed.offset();
  }

  /** The committed offset of every partition of the topic that has one, by partition. */
  public Map<Integer, Long> all() {
    Map<Integer, Long> offsets = new HashMap<>();
    read(new ListConsumerGroupOffsetsSpec(), topic)
        .forEach(
            (tp, committed) -> {
              if (tp.topic().equals(topic) && committed != null) {
                offsets.put(tp.partition(), committed.offset());
              }
            });
    return offsets;
  }

  private Map<TopicPartition, OffsetAndMetadata> read(
      ListConsumerGroupOffsetsSpec spec, String what) {
    try {
      return admin
          .listConsumerGroupOffsets(Map.of(groupId, spec), new ListConsumerGroupOffsetsOptions())
          .partitionsToOffsetAndMetadata(groupId)
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatUnavailableException("Interrupted while reading the persisters' progress", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new ChatUnavailableException(
          "Kafka did not tell the persisters' progress on "
              + what
              + " within "
              + timeout
              + ": "
              + cause,
          cause);
    }
  }
}
