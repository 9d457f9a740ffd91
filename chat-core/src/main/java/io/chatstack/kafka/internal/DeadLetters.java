package io.chatstack.kafka.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.kafka.DeadLetter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes dead-lettered afterPersist batches to the dead-letter topic: one {@link DeadLetter} record
 * per room of the batch, keyed by room id, with the bus's idempotent producer. Waits for Kafka's
 * acknowledgement (bounded by the send timeout) on the persister thread. Thread-safe.
 */
public final class DeadLetters {
  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final String nodeId;
  private final Duration timeout;
  private final Clock clock;

  public DeadLetters(
      Producer<byte[], byte[]> producer, String topic, String nodeId, Duration timeout) {
    this.producer = producer;
    this.topic = topic;
    this.nodeId = nodeId;
    this.timeout = timeout;
    this.clock = Clock.systemUTC();
  }

  /**
   * Writes the batch and waits until Kafka acknowledged every record.
   *
   * @throws DeadLetterWriteException when a record could not be written in time
   */
  public void write(
      String listener, RuntimeException error, int attempts, List<ChatMessage> batch) {
    Map<Long, List<ChatMessage>> byRoom = new LinkedHashMap<>();
    for (ChatMessage m : batch) {
      byRoom.computeIfAbsent(m.roomId(), r -> new ArrayList<>()).add(m);
    }
    Instant now = clock.instant();
    List<Future<RecordMetadata>> sent = new ArrayList<>(byRoom.size());
    try {
      byRoom.forEach(
          (roomId, messages) ->
              sent.add(
                  producer.send(
                      new ProducerRecord<>(
                          topic,
                          RecordCodec.key(roomId),
                          new DeadLetter(
                                  listener,
                                  String.valueOf(error),
                                  attempts,
                                  nodeId,
                                  now,
                                  roomId,
                                  messages)
                              .toJson()))));
      long deadline = System.nanoTime() + timeout.toNanos();
      for (Future<RecordMetadata> f : sent) {
        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeadLetterWriteException(topic, e);
    } catch (ExecutionException e) {
      throw new DeadLetterWriteException(topic, e.getCause());
    } catch (TimeoutException | RuntimeException e) {
      throw new DeadLetterWriteException(topic, e);
    }
  }

  /** A dead letter that did not reach the topic. */
  public static final class DeadLetterWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DeadLetterWriteException(String topic, Throwable cause) {
      super("Could not write to the dead-letter topic '" + topic + "': " + cause, cause);
    }
  }
}
