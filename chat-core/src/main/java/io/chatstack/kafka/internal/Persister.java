package io.chatstack.kafka.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.InvalidInputException;
import io.chatstack.core.MessageStore;
import io.chatstack.core.PersistListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * store. Runs on its own thread; {@link #close()} joins it.
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
  private final List<PersistListener> persistListeners;
  private final AtomicLong deadLettered = new AtomicLong();

  /** Attempts per listener and batch before the batch is dead-lettered (logged and counted). */
  static final int LISTENER_ATTEMPTS = 5;

  private static final Duration LISTENER_MIN_BACKOFF = Duration.ofMillis(100);
  private static final Duration LISTENER_MAX_BACKOFF = Duration.ofSeconds(5);

  /** Batches a listener gave up on after {@link #LISTENER_ATTEMPTS} attempts. */
  public long deadLettered() {
    return deadLettered.get();
  }

  public Persister(
      KafkaConsumer<byte[], byte[]> consumer,
      MessageStore store,
      String topic,
      Duration minBackoff,
      Duration maxBackoff,
      String nodeId) {
    this(consumer, store, topic, minBackoff, maxBackoff, nodeId, List.of());
  }

  public Persister(
      KafkaConsumer<byte[], byte[]> consumer,
      MessageStore store,
      String topic,
      Duration minBackoff,
      Duration maxBackoff,
      String nodeId,
      List<PersistListener> persistListeners) {
    this.persistListeners = List.copyOf(persistListeners);
    this.consumer = consumer;
    this.store = store;
    this.topic = topic;
    this.minBackoff = minBackoff;
    this.maxBackoff = maxBackoff;
    this.thread = new Thread(this::run, nodeId + "-persister");
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
    if (!batch.isEmpty()) {
      List<ChatMessage> stored = List.copyOf(batch);
      for (PersistListener listener : persistListeners) {
        if (!afterPersist(listener, stored)) {
          // Closing while a listener still fails: leave the offsets uncommitted, so the next
          // owner of these partitions stores the batch again (idempotent) and calls the listeners.
          return true;
        }
      }
    }
    try {
      consumer.commitSync(next);
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      // The batch is stored; a later commit covers it, or the next owner re-stores it (idempotent).
      LOG.warn("Persister could not commit offsets {}; they will be committed later", next, e);
    }
    return true;
  }

  /**
   * Calls one listener after the batch is stored and before the offsets are committed, retrying
   * with backoff (100 ms doubling, at most 5 s, {@value #LISTENER_ATTEMPTS} attempts: about 1.5 s
   * of stall at most per listener and batch); then dead-letters the batch (error log and counter).
   *
   * @return false when the persister is closing before the listener succeeded (the batch must not
   *     be committed), true when the listener took the batch or it was dead-lettered
   */
  private boolean afterPersist(PersistListener listener, List<ChatMessage> batch) {
    Duration delay = LISTENER_MIN_BACKOFF;
    for (int attempt = 1; ; attempt++) {
      try {
        listener.afterPersist(batch);
        return true;
      } catch (RuntimeException e) {
        if (closed) {
          return false;
        }
        if (attempt >= LISTENER_ATTEMPTS) {
          deadLettered.incrementAndGet();
          LOG.error(
              "PersistListener {} failed {} times; dead-lettering batch of {} records: {}",
              listener,
              attempt,
              batch.size(),
              batch.stream().map(ChatMessage::id).toList(),
              e);
          return true;
        }
        LOG.warn(
            "PersistListener {} failed (attempt {}); retrying in {}", listener, attempt, delay, e);
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return false;
        }
        delay =
            delay.multipliedBy(2).compareTo(LISTENER_MAX_BACKOFF) > 0
                ? LISTENER_MAX_BACKOFF
                : delay.multipliedBy(2);
      }
    }
  }

  private Duration backoff() {
    long factor = 1L << Math.min(failures - 1, 20);
    Duration delay = minBackoff.multipliedBy(factor);
    return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
  }
}
