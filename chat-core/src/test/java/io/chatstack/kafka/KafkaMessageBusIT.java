package io.chatstack.kafka;

import static io.chatstack.core.TestMessages.draft;
import static io.chatstack.core.TestMessages.freshRoomId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageBus;
import io.chatstack.core.MessageBusContract;
import io.chatstack.core.MessageStore;
import io.chatstack.kafka.internal.RecordCodec;
import io.chatstack.memory.InMemoryMessageStore;
import io.chatstack.testkit.kafka.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MessageBus contract on a real broker, plus the Kafka-specific record format and topic checks.
 */
class KafkaMessageBusIT extends MessageBusContract {
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  static KafkaChatConfig.Builder config(EmbeddedKafka kafka) {
    return KafkaChatConfig.builder(kafka.bootstrapServers())
        .partitions(3)
        .persisterBackoff(Duration.ofMillis(50), Duration.ofMillis(500));
  }

  @Override
  protected MessageStore createStore() {
    return new InMemoryMessageStore();
  }

  @Override
  protected MessageBus createBus(MessageStore store) {
    return new KafkaMessageBus(config(kafka).build(), store);
  }

  @Test
  void recordsAreKeyedByRoomWithPlainJsonValuesAndTheClientMsgIdAsTheOnlyHeader() {
    long roomId = freshRoomId();
    ChatMessage sent =
        bus.publish(draft(roomId, "alice", "hi")).orTimeout(30, TimeUnit.SECONDS).join();
    Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrapServers());
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition tp =
          new TopicPartition(
              "chat-messages", io.chatstack.kafka.internal.RecordCodec.partition(roomId, 3));
      consumer.assign(List.of(tp));
      consumer.seek(tp, sent.seq());
      ConsumerRecord<String, String> record =
          consumer.poll(Duration.ofSeconds(10)).records(tp).get(0);
      assertThat(record.key()).isEqualTo(Long.toString(roomId));
      assertThat(record.headers().toArray())
          .singleElement()
          .satisfies(
              h -> {
                assertThat(h.key()).isEqualTo("chatstack.clientMsgId");
                assertThat(new String(h.value(), StandardCharsets.UTF_8))
                    .isEqualTo(sent.clientMsgId());
              });
      assertThat(record.value())
          .startsWith("{\"id\":\"" + sent.id() + "\"")
          .contains("\"content\":\"hi\"")
          .doesNotContain("@class");
      assertThat(record.value().getBytes(StandardCharsets.UTF_8)).isNotEmpty();
    }
  }

  @Test
  void aChangedPartitionCountIsRefusedWithAClearError() {
    assertThatThrownBy(() -> new KafkaMessageBus(config(kafka).partitions(4).build(), store))
        .isInstanceOf(TopicLayoutException.class)
        .hasMessageContaining("'chat-messages' has 3 partitions but 4 are configured");
  }

  @Test
  void anUnreachableClusterFailsTheStartWithinTheTimeout() {
    KafkaChatConfig unreachable =
        KafkaChatConfig.builder("127.0.0.1:1").sendTimeout(Duration.ofSeconds(2)).build();
    long start = System.nanoTime();
    assertThatThrownBy(() -> new KafkaMessageBus(unreachable, store))
        .isInstanceOf(ChatUnavailableException.class)
        .hasMessageContaining("127.0.0.1:1");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void aNodeParsesOnlyTheRecordsOfRoomsWithALocalSubscriberAndStillDropsDuplicatesOfTheOthers() {
    long served = freshRoomId();
    long notServed = freshRoomId();
    try (KafkaMessageBus node =
        new KafkaMessageBus(
            config(kafka).persisterGroupId("fan-out-" + served).build(),
            new InMemoryMessageStore())) {
      List<ChatMessage> delivered = new CopyOnWriteArrayList<>();
      node.subscribe(served, delivered::add);
      long read0 = node.fanOutRecordsRead();
      long parsed0 = node.fanOutRecordsParsed();
      ChatMessage original =
          bus.publish(draft(notServed, "bob", "first", "key-1"))
              .orTimeout(30, TimeUnit.SECONDS)
              .join();
      for (int i = 0; i < 5; i++) {
        bus.publish(draft(notServed, "bob", "other " + i)).orTimeout(30, TimeUnit.SECONDS).join();
      }
      for (int i = 0; i < 3; i++) {
        bus.publish(draft(served, "alice", "mine " + i)).orTimeout(30, TimeUnit.SECONDS).join();
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> delivered.size() == 3 && node.fanOutRecordsRead() - read0 >= 9);
      // The 6 records of the room nobody here subscribed to were read but not parsed.
      assertThat(node.fanOutRecordsParsed() - parsed0).isEqualTo(3);
      // A re-send of that room's clientMsgId through this node gets the original, parsed now.
      ChatMessage again =
          node.publish(draft(notServed, "bob", "first, re-sent", "key-1"))
              .orTimeout(30, TimeUnit.SECONDS)
              .join();
      assertThat(again.id()).isEqualTo(original.id());
      assertThat(again.seq()).isEqualTo(original.seq());
      assertThat(again.content()).isEqualTo("first");
    }
  }

  /**
   * Records that are not chatstack messages (another producer's, a tool's) are skipped by the
   * fan-out and the persister; the messages after them are delivered, stored and replayed (here
   * from the store) as usual.
   */
  @Test
  void recordsThatAreNotMessagesAreSkippedAndTheMessagesAfterThemArrive() throws Exception {
    long roomId = freshRoomId();
    InMemoryMessageStore nodeStore = new InMemoryMessageStore();
    KafkaChatConfig config = config(kafka).persisterGroupId("malformed-" + roomId).build();
    try (KafkaMessageBus node = new KafkaMessageBus(config, nodeStore)) {
      List<ChatMessage> received = new CopyOnWriteArrayList<>();
      node.subscribe(roomId, received::add);
      ChatMessage before = node.publish(draft(roomId, "alice", "before")).join();
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(
              Map.of("bootstrap.servers", kafka.bootstrapServers()),
              new ByteArraySerializer(),
              new ByteArraySerializer())) {
        for (String value : List.of("null", "not json", "[]", "{\"content\":\"no id\"}")) {
          producer
              .send(
                  new ProducerRecord<>(
                      config.messagesTopic(),
                      RecordCodec.partition(roomId, config.partitions()),
                      RecordCodec.key(roomId),
                      value.getBytes(StandardCharsets.UTF_8)))
              .get();
        }
      }
      ChatMessage after = node.publish(draft(roomId, "alice", "after")).join();
      ChatMessage last = node.publish(draft(roomId, "alice", "last")).join();

      await().atMost(Duration.ofSeconds(60)).until(() -> received.contains(last));
      assertThat(received).containsExactly(before, after, last);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  nodeStore.findById(roomId, after.id()).isPresent()
                      && nodeStore.findById(roomId, last.id()).isPresent()
                      && node.persisterLag() == 0);
      assertThat(node.since(roomId, before.seq(), HistoryQuery.MAX_LIMIT))
          .containsExactly(after, last);
    }
  }
}
