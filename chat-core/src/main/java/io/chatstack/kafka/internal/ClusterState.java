package io.chatstack.kafka.internal;

import io.chatstack.core.ChatUnavailableException;
import io.chatstack.kafka.KafkaHealth;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * The bus's health and persister lag, read with the bus's admin client and its {@link
 * CommittedOffsets}: no client of its own. Each call waits at most {@code timeout}. Thread-safe.
 */
public final class ClusterState {
  private static final long AWAIT_STEP_MILLIS = 50;

  private final Admin admin;
  private final CommittedOffsets committed;
  private final String topic;
  private final int partitions;
  private final Duration timeout;

  public ClusterState(
      Admin admin, CommittedOffsets committed, String topic, int partitions, Duration timeout) {
    this.admin = admin;
    this.committed = committed;
    this.topic = topic;
    this.partitions = partitions;
    this.timeout = timeout;
  }

  /** The cluster's id and broker count. */
  public KafkaHealth health() {
    DescribeClusterResult cluster = admin.describeCluster();
    int nodes = get(cluster.nodes(), "the cluster's nodes").size();
    return new KafkaHealth(get(cluster.clusterId(), "the cluster's id"), nodes, topic);
  }

  /** Log end minus committed offset, summed over the topic's partitions. */
  public long persisterLag() {
    return lag(endOffsets(), committed.all());
  }

  /**
   * Waits until the persisters stored every record the log holds now (their committed offsets
   * reached the end offsets read at call time), checking every {@value #AWAIT_STEP_MILLIS} ms.
   *
   * @throws ChatUnavailableException when they did not within {@code patience}, or Kafka does not
   *     answer
   */
  public void awaitPersisted(Duration patience) {
    Map<TopicPartition, ListOffsetsResultInfo> ends = endOffsets();
    long deadline = System.nanoTime() + patience.toNanos();
    long lag;
    while ((lag = lag(ends, committed.all())) > 0) {
      if (System.nanoTime() - deadline > 0) {
        throw new ChatUnavailableException(
            "The persisters did not store the last "
                + lag
                + " records of "
                + topic
                + " within "
                + patience
                + "; is the message store down? Try again later");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(AWAIT_STEP_MILLIS));
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new ChatUnavailableException("Interrupted while waiting for the persisters");
      }
    }
  }

  private Map<TopicPartition, ListOffsetsResultInfo> endOffsets() {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    return get(admin.listOffsets(latest).all(), "the end offsets of " + topic);
  }

  private static long lag(
      Map<TopicPartition, ListOffsetsResultInfo> ends, Map<Integer, Long> done) {
    long lag = 0;
    for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : ends.entrySet()) {
      long stored = done.getOrDefault(end.getKey().partition(), 0L);
      lag += Math.max(0, end.getValue().offset() - stored);
    }
    return lag;
  }

  private <T> T get(KafkaFuture<T> future, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatUnavailableException("Interrupted while asking Kafka for " + what, e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new ChatUnavailableException(
          "Kafka did not tell " + what + " within " + timeout + ": " + cause, cause);
    }
  }
}
