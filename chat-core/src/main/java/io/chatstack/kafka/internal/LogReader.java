package io.chatstack.kafka.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.InvalidInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a room's records directly from its partition of the log, for the part of a recovery the
 * store does not hold yet. Keeps a small pool of consumers (assign + seek, no group). Thread-safe.
 */
public final class LogReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LogReader.class);
  private static final int POOL = 2;

  private final Supplier<KafkaConsumer<byte[], byte[]>> factory;
  private final String topic;
  private final Duration timeout;
  private final BlockingQueue<KafkaConsumer<byte[], byte[]>> idle = new ArrayBlockingQueue<>(POOL);
  private volatile boolean closed;

  public LogReader(
      Supplier<KafkaConsumer<byte[], byte[]>> factory, String topic, Duration timeout) {
    this.factory = factory;
    this.topic = topic;
    this.timeout = timeout;
  }

  /**
   * The room's messages at offsets from {@code fromOffset} up to the partition's end at call time,
   * ascending, at most {@code max}, keeping only those {@code keep} accepts.
   *
   * @throws ChatUnavailableException when Kafka does not answer within the timeout
   */
  public List<ChatMessage> read(
      int partition, long roomId, long fromOffset, int max, Predicate<ChatMessage> keep) {
    return withConsumer(
        consumer ->
            read(consumer, new TopicPartition(topic, partition), roomId, fromOffset, max, keep),
        () -> "Cannot read room " + roomId + " from Kafka topic '" + topic + "'");
  }

  /**
   * The partition's end offset now (the offset its next record will get, as far as consumers can
   * see: the high watermark).
   *
   * @throws ChatUnavailableException when Kafka does not answer within the timeout
   */
  public long endOffset(int partition) {
    TopicPartition tp = new TopicPartition(topic, partition);
    return withConsumer(
        consumer -> consumer.endOffsets(List.of(tp), timeout).get(tp),
        () -> "Cannot read the end of " + tp + " from Kafka");
  }

  /**
   * Runs {@code work} with an idle consumer (a new one when none is idle) and returns it to the
   * idle ones, unless it failed or the reader is closed (then it is closed).
   */
  private <T> T withConsumer(
      Function<KafkaConsumer<byte[], byte[]>, T> work, Supplier<String> failure) {
    KafkaConsumer<byte[], byte[]> consumer = idle.poll();
    boolean healthy = false;
    try {
      if (consumer == null) {
        consumer = factory.get();
      }
      T result = work.apply(consumer);
      healthy = true;
      return result;
    } catch (KafkaException e) {
      throw new ChatUnavailableException(failure.get() + ": " + e, e);
    } finally {
      if (consumer != null && (!healthy || closed || !idle.offer(consumer))) {
        KafkaClients.closeQuietly(consumer, Duration.ofSeconds(2), "log reader");
      }
    }
  }

  private List<ChatMessage> read(
      KafkaConsumer<byte[], byte[]> consumer,
      TopicPartition tp,
      long roomId,
      long fromOffset,
      int max,
      Predicate<ChatMessage> keep) {
    byte[] key = RecordCodec.key(roomId);
    consumer.assign(List.of(tp));
    Map<TopicPartition, Long> ends = consumer.endOffsets(List.of(tp), timeout);
    long end = ends.get(tp);
    long begin = consumer.beginningOffsets(List.of(tp), timeout).get(tp);
    if (fromOffset < begin) {
      LOG.debug(
          "Room {}: reading {} from {}, the log's first offset (asked for {})",
          roomId,
          tp,
          begin,
          fromOffset);
    }
    long position = Math.max(fromOffset, begin);
    List<ChatMessage> found = new ArrayList<>();
    if (position >= end) {
      return found;
    }
    consumer.seek(tp, position);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (position < end && found.size() < max) {
      if (System.nanoTime() - deadline > 0) {
        throw new ChatUnavailableException(
            "Reading room " + roomId + " from " + tp + " took longer than " + timeout);
      }
      for (ConsumerRecord<byte[], byte[]> record :
          consumer.poll(Duration.ofMillis(200)).records(tp)) {
        if (record.offset() >= end || found.size() >= max) {
          break;
        }
        if (Arrays.equals(key, record.key())) {
          add(found, record, keep);
        }
      }
      position = consumer.position(tp);
    }
    return found;
  }

  private static void add(
      List<ChatMessage> found, ConsumerRecord<byte[], byte[]> record, Predicate<ChatMessage> keep) {
    try {
      ChatMessage message = RecordCodec.message(record);
      if (keep.test(message)) {
        found.add(message);
      }
    } catch (InvalidInputException e) {
      LOG.error(
          "Skipping malformed record {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  @Override
  public void close() {
    closed = true;
    KafkaConsumer<byte[], byte[]> consumer;
    while ((consumer = idle.poll()) != null) {
      KafkaClients.closeQuietly(consumer, Duration.ofSeconds(2), "log reader");
    }
  }
}
