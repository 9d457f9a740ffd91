package io.chatstack.kafka;

import static io.chatstack.core.TestMessages.draft;
import static io.chatstack.core.TestMessages.freshRoomId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.PersistListener;
import io.chatstack.memory.InMemoryMessageStore;
import io.chatstack.testkit.kafka.EmbeddedKafka;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** afterPersist on the Kafka persister: after the store, seq order, retries, dead letters. */
class KafkaPersistListenerIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
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
  void
      listenersSeeStoredRecordsInSeqOrderAndAFailingListenerIsDeadLetteredWithoutStoppingStorage() {
    InMemoryMessageStore store = new InMemoryMessageStore();
    long roomId = freshRoomId();
    List<ChatMessage> seen = new CopyOnWriteArrayList<>();
    List<Boolean> storedFirst = new CopyOnWriteArrayList<>();
    AtomicBoolean failing = new AtomicBoolean(true);
    List<String> failingSaw = new CopyOnWriteArrayList<>();
    PersistListener alwaysFailsAtFirst =
        batch -> {
          if (failing.get()) {
            throw new IllegalStateException("receiver down");
          }
          batch.forEach(m -> failingSaw.add(m.id()));
        };
    PersistListener recording =
        batch -> {
          for (ChatMessage m : batch) {
            storedFirst.add(store.findById(m.roomId(), m.id()).isPresent());
          }
          seen.addAll(batch);
        };
    try (KafkaMessageBus bus =
        new KafkaMessageBus(
            KafkaMessageBusIT.config(kafka).persisterGroupId("persister-" + roomId).build(),
            store,
            List.of(alwaysFailsAtFirst, recording))) {
      ChatMessage one = bus.publish(draft(roomId, "alice", "one")).join();
      ChatMessage two = bus.publish(draft(roomId, "alice", "two")).join();
      await().atMost(WAIT).until(() -> bus.deadLettered() >= 1);
      await()
          .atMost(WAIT)
          .until(() -> seen.stream().filter(m -> m.roomId() == roomId).count() >= 2);
      assertThat(seen.stream().filter(m -> m.roomId() == roomId).map(ChatMessage::seq))
          .containsExactly(one.seq(), two.seq());
      assertThat(storedFirst).doesNotContain(false);

      failing.set(false);
      ChatMessage three = bus.publish(draft(roomId, "alice", "three")).join();
      await().atMost(WAIT).until(() -> failingSaw.contains(three.id()));
      assertThat(store.findById(roomId, three.id())).isPresent();
    }
  }

  @Test
  void withALingerThePersisterStoresSeveralMessagesPerWriteAndCommit() {
    InMemoryMessageStore store = new InMemoryMessageStore();
    long roomId = freshRoomId();
    List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    List<ChatMessage> seen = new CopyOnWriteArrayList<>();
    PersistListener recording =
        batch -> {
          List<ChatMessage> mine = batch.stream().filter(m -> m.roomId() == roomId).toList();
          if (!mine.isEmpty()) {
            batchSizes.add(mine.size());
            seen.addAll(mine);
          }
        };
    try (KafkaMessageBus bus =
        new KafkaMessageBus(
            KafkaMessageBusIT.config(kafka)
                .persisterGroupId("persister-" + roomId)
                .persisterLinger(Duration.ofSeconds(1))
                .build(),
            store,
            List.of(recording))) {
      // One at a time, each acknowledged before the next: without the linger every message is
      // fetched, written and committed on its own.
      for (int i = 0; i < 10; i++) {
        bus.publish(draft(roomId, "alice", "m" + i)).join();
      }
      await().atMost(WAIT).until(() -> seen.size() >= 10);
      assertThat(seen).extracting(ChatMessage::content).startsWith("m0").endsWith("m9");
      assertThat(batchSizes).hasSizeLessThanOrEqualTo(3);
      await().atMost(WAIT).until(() -> bus.persisterLag() == 0);
      assertThat(store.records(roomId, -1, 100)).hasSize(10);
    }
  }
}
