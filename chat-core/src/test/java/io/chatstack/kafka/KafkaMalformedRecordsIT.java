package io.chatstack.kafka;

import static io.chatstack.core.TestMessages.draft;
import static io.chatstack.core.TestMessages.freshRoomId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.kafka.internal.RecordCodec;
import io.chatstack.memory.InMemoryMessageStore;
import io.chatstack.testkit.kafka.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records in the messages topic that are not chatstack messages (written by another producer or a
 * tool) are skipped by every reader of the log, and the messages after them are delivered, stored
 * and replayed as usual.
 */
class KafkaMalformedRecordsIT {
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

  @Test
  void recordsThatAreNotMessagesAreSkippedAndTheMessagesAfterThemArrive() throws Exception {
    InMemoryMessageStore store = new InMemoryMessageStore();
    long roomId = freshRoomId();
    KafkaChatConfig config =
        KafkaMessageBusIT.config(kafka).persisterGroupId("persister-" + roomId).build();
    try (KafkaMessageBus bus = new KafkaMessageBus(config, store)) {
      List<ChatMessage> received = new CopyOnWriteArrayList<>();
      bus.subscribe(roomId, received::add);
      ChatMessage before = bus.publish(draft(roomId, "alice", "before")).join();

      int partition = RecordCodec.partition(roomId, config.partitions());
      try (KafkaProducer<byte[], byte[]> producer = producer()) {
        for (String value : List.of("null", "not json", "[]", "{\"content\":\"no id\"}")) {
          producer
              .send(
                  new ProducerRecord<>(
                      config.messagesTopic(),
                      partition,
                      RecordCodec.key(roomId),
                      value.getBytes(StandardCharsets.UTF_8)))
              .get();
        }
      }
      ChatMessage after = bus.publish(draft(roomId, "alice", "after")).join();
      ChatMessage last = bus.publish(draft(roomId, "alice", "last")).join();

      await().atMost(WAIT).until(() -> received.contains(last));
      assertThat(received).containsExactly(before, after, last);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  store.findById(roomId, after.id()).isPresent()
                      && store.findById(roomId, last.id()).isPresent());
      await().atMost(WAIT).until(() -> bus.persisterLag() == 0);
      assertThat(bus.since(roomId, before.seq(), HistoryQuery.MAX_LIMIT))
          .containsExactly(after, last);
    }
  }

  private static KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }
}
