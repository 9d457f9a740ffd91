package io.chatstack.kafka.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.InvalidInputException;
import io.chatstack.core.MessageStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Member of the persister group: writes each polled batch to the {@link MessageStore} and commits
 * its offsets only after the store succeeded. When the store fails, the batch is re-read after a
 * doubling delay, so nothing is skipped; duplicates from re-reads are absorbed by the idempotent
 * store. After the store and before the commit it calls the {@link AfterPersistCalls}. Commits are
 * asynchronous (issued only after the store succeeded), and the consumer lets records gather for
 * the configured linger, so that at low rates a write and a commit cover several messages. Runs on
 * its own thread; {@link #close()} joins it.
 */
public final class Persister {
  private static final Logger LOG = LoggerFactory.getLogger(Persister.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final MessageStore store;
  private final String topic;
  private final Duration minBackoff;
  private final Duration maxBackoff;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean started;
  private volatile boolean closed;
  private int failures;
  private final AfterPersistCalls afterPersist;

  /** Batches (per listener) the listeners gave up on after their last attempt. */
  public long deadLettered() {
    return afterPersist.deadLettered();
  }

  /** Failed PersistListener calls, retries included. */
  public long afterPersistFailures() {
    return afterPersist.failures();
  }

  public Persister(
      KafkaConsumer<byte[], byte[]> consumer,
      MessageStore store,
      String topic,
      Duration minBackoff,
      Duration maxBackoff,
      String nodeId,
      AfterPersistCalls afterPersist) {
    this.afterPersist = afterPersist;
    this.consumer = consumer;
    this.store = store;
    this.topic = topic;
    this.minBackoff = minBackoff;
    this.maxBackoff = maxBackoff;
    this.thread = new Thread(this::run, "persister-" + nodeId);
    thread.setDaemon(true);
  }

  /** Joins the group and starts persisting. */
  public void start() {
    started = true;
    thread.start();
  }

  /** Stops persisting and leaves the group (bounded wait). Idempotent. */
  public void close() {
    closed = true;
    if (!started) {
      KafkaClients.closeQuietly(consumer, Duration.ofSeconds(5), "persister");
      return;
    }
    consumer.wakeup();
    try {
      if (!stopped.await(30, TimeUnit.SECONDS)) {
        LOG.warn("Persister thread {} did not stop within 30 s", thread.getName());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    long resumeAt = 0;
    try {
      consumer.subscribe(List.of(topic));
      while (!closed) {
        try {
          long now = System.nanoTime();
          if (resumeAt != 0 && now - resumeAt >= 0) {
            consumer.resume(consumer.paused());
            resumeAt = 0;
          }
          Duration wait =
              resumeAt == 0
                  ? Duration.ofMillis(500)
                  : Duration.ofNanos(
                      Math.max(1, Math.min(resumeAt - now, TimeUnit.MILLISECONDS.toNanos(500))));
          ConsumerRecords<byte[], byte[]> records = consumer.poll(wait);
          if (!records.isEmpty() && !persist(records)) {
            resumeAt = System.nanoTime() + backoff().toNanos();
          }
        } catch (WakeupException e) {
          // closing
        } catch (KafkaException e) {
          LOG.warn("Persister poll failed; retrying", e);
        }
      }
    } finally {
      KafkaClients.closeQuietly(consumer, Duration.ofSeconds(5), "persister");
      stopped.countDown();
    }
  }

  /** Stores and commits the batch; on a store failure rewinds and pauses, returning false. */
  private boolean persist(ConsumerRecords<byte[], byte[]> records) {
    List<ChatMessage> batch = new ArrayList<>(records.count());
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    for (TopicPartition tp : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
      for (ConsumerRecord<byte[], byte[]> record : list) {
        try {
          batch.add(RecordCodec.message(record));
        } catch (InvalidInputException e) {
          LOG.error("Not storing malformed record {}@{}: {}", tp, record.offset(), e.getMessage());
        }
      }
      next.put(tp, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
    }
    try {
      if (!batch.isEmpty()) {
        store.storeAll(batch);
      }
    } catch (RuntimeException e) {
      failures++;
      LOG.warn(
          "Message store failed ({} in a row); {} records will be retried",
          failures,
          batch.size(),
          e);
      for (TopicPartition tp : records.partitions()) {
        consumer.seek(tp, records.records(tp).get(0).offset());
      }
      consumer.pause(consumer.assignment());
      return false;
    }
    failures = 0;
    if (!afterPersist.call(batch, () -> closed)) {
      // Closing while a listener still fails: leave the offsets uncommitted, so the next
      // owner of these partitions stores the batch again (idempotent) and calls the listeners.
      return true;
    }
    // Asynchronous: the next batch is fetched meanwhile. Commits go out in order; one that fails
    // is covered by a later one, or the next owner of the partition stores the batch again
    // (idempotent). Closing the consumer waits for the commits still in flight.
    consumer.commitAsync(
        next,
        (offsets, error) -> {
          if (error != null) {
            LOG.warn(
                "Persister could not commit offsets {}; a later commit covers them",
                offsets,
                error);
          }
        });
    return true;
  }

  private Duration backoff() {
    long factor = 1L << Math.min(failures - 1, 20);
    Duration delay = minBackoff.multipliedBy(factor);
    return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
  }
}
