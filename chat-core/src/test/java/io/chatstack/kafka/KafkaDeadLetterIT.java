package io.chatstack.kafka;

import static io.chatstack.core.TestMessages.draft;
import static io.chatstack.core.TestMessages.freshRoomId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.PersistListener;
import io.chatstack.memory.InMemoryMessageStore;
import io.chatstack.testkit.kafka.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A PersistListener that always fails: storage goes on, the batch lands in the dead-letter topic.
 */
class KafkaDeadLetterIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  static final class AlwaysFails implements PersistListener {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public void afterPersist(List<ChatMessage> batch) {
      calls.incrementAndGet();
      throw new IllegalStateException("receiver down");
    }
  }

  @Test
  void aListenerThatAlwaysFailsIsDeadLetteredToTheTopicAndStorageContinues() {
    InMemoryMessageStore store = new InMemoryMessageStore();
    long roomId = freshRoomId();
    String topic = "dead-letters-" + roomId;
    AlwaysFails listener = new AlwaysFails();
    KafkaChatConfig config =
        KafkaMessageBusIT.config(kafka)
            .persisterGroupId("persister-" + roomId)
            .deadLettersTopic(topic)
            .afterPersistMaxAttempts(3)
            .afterPersistBackoff(Duration.ofMillis(10), Duration.ofMillis(20))
            .build();
    try (KafkaMessageBus bus = new KafkaMessageBus(config, store, List.of(listener))) {
      ChatMessage one = bus.publish(draft(roomId, "alice", "one")).join();
      ChatMessage two = bus.publish(draft(roomId, "alice", "two")).join();

      // Storage goes on although every call fails.
      await()
          .atMost(WAIT)
          .until(
              () ->
                  store.findById(roomId, one.id()).isPresent()
                      && store.findById(roomId, two.id()).isPresent());
      await().atMost(WAIT).until(() -> bus.persisterLag() == 0);
      await().atMost(WAIT).until(() -> bus.deadLettered() >= 1);

      List<DeadLetter> letters = new ArrayList<>();
      try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
        TopicPartition tp = new TopicPartition(topic, 0);
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        await()
            .atMost(WAIT)
            .until(
                () -> {
                  for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    assertThat(new String(r.key(), StandardCharsets.UTF_8))
                        .isEqualTo(Long.toString(roomId));
                    letters.add(DeadLetter.fromJson(r.value()));
                  }
                  return letters.stream().mapToLong(l -> l.messages().size()).sum() >= 2;
                });
      }
      assertThat(letters.stream().flatMap(l -> l.messages().stream()).map(ChatMessage::id))
          .containsExactly(one.id(), two.id());
      assertThat(letters.stream().flatMap(l -> l.messages().stream()).map(ChatMessage::seq))
          .containsExactly(one.seq(), two.seq());
      DeadLetter first = letters.get(0);
      assertThat(first.listener()).isEqualTo(AlwaysFails.class.getName());
      assertThat(first.error()).contains("receiver down");
      assertThat(first.attempts()).isEqualTo(3);
      assertThat(first.roomId()).isEqualTo(roomId);
      assertThat(first.nodeId()).isEqualTo(config.nodeId());
      assertThat(bus.deadLettered()).isEqualTo(letters.size());
      assertThat(bus.afterPersistFailures()).isEqualTo(3L * letters.size());
      assertThat(listener.calls.get()).isEqualTo(3 * letters.size());
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }
}
