package io.chatstack.kafka;

import static io.chatstack.core.TestMessages.draft;
import static io.chatstack.core.TestMessages.freshRoomId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.MessageType;
import io.chatstack.core.Room;
import io.chatstack.core.Subscription;
import io.chatstack.memory.InMemoryRoomRepository;
import io.chatstack.testkit.kafka.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Store outages and subscribers catching up: nothing lost, nothing duplicated. */
class KafkaRecoveryIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static EmbeddedKafka kafka;
  private static final InMemoryRoomRepository rooms = new InMemoryRoomRepository();

  private final FlakyStore store = new FlakyStore();
  private KafkaMessageBus bus;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @BeforeEach
  void startBus() {
    // A group per test: the new store receives the whole log, like a fresh database would.
    bus =
        new KafkaMessageBus(
            KafkaMessageBusIT.config(kafka)
                .persisterGroupId("persister-" + freshRoomId())
                .sendTimeout(Duration.ofSeconds(30))
                .build(),
            store);
  }

  @AfterEach
  void closeBus() {
    bus.close();
  }

  private List<ChatMessage> publishAll(long roomId, int count, String prefix) {
    List<ChatMessage> acked = new ArrayList<>(count);
    for (int from = 0; from < count; from += 1000) {
      List<CompletableFuture<ChatMessage>> window = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + 1000); i++) {
        window.add(bus.publish(draft(roomId, "alice", prefix + i)));
      }
      window.forEach(f -> acked.add(f.join()));
    }
    return acked;
  }

  @Test
  void aStoreThatDoesNotAnswerDoesNotHoldUpSendsWithAClientMsgId() {
    long roomId = freshRoomId();
    store.stallLookups(true);
    try {
      // The send timeout is 30 s; the store lookup may hold a send up for 1 s at most.
      ChatMessage sent =
          assertTimeoutPreemptively(
              Duration.ofSeconds(10),
              () -> bus.publish(draft(roomId, "alice", "hi", "client-key-1")).join());
      assertThat(sent.seq()).isNotNegative();
      assertThat(sent.clientMsgId()).isEqualTo("client-key-1");
      // A re-send is answered from the log's memory of recent clientMsgIds, store or not.
      assertThat(bus.publish(draft(roomId, "alice", "hi", "client-key-1")).join()).isEqualTo(sent);
    } finally {
      store.stallLookups(false);
    }
  }

  @Test
  void aStoreOutageLosesNothingAndDuplicatesNothingOnceItRecovers() {
    long roomId = freshRoomId();
    List<ChatMessage> live = new CopyOnWriteArrayList<>();
    bus.subscribe(roomId, live::add);
    List<ChatMessage> acked = new ArrayList<>(publishAll(roomId, 100, "before "));
    await().atMost(WAIT).until(() -> store.count(roomId) == 100);

    store.writesDown(true);
    store.readsDown(true);
    List<ChatMessage> during = publishAll(roomId, 200, "during ");
    acked.addAll(during);
    ChatMessage retry =
        bus.publish(draft(roomId, "alice", "during 7", during.get(7).clientMsgId())).join();
    assertThat(retry).isEqualTo(during.get(7));
    await().atMost(WAIT).until(() -> store.failedWrites() >= 3);
    assertThat(bus.since(roomId, acked.get(49).seq(), 1000))
        .as("served from the log while the store is down")
        .containsExactlyElementsOf(acked.subList(50, 300));

    store.readsDown(false);
    assertThat(bus.since(roomId, -1, 1000))
        .as("store up to the committed offset, then the log")
        .containsExactlyElementsOf(acked);
    store.writesDown(false);
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(store.all(roomId)).containsExactlyElementsOf(acked));
    assertThat(bus.since(roomId, -1, 1000)).containsExactlyElementsOf(acked);
    await().atMost(WAIT).untilAsserted(() -> assertThat(live).containsExactlyElementsOf(acked));
  }

  @Test
  void aSubscriberThatMissed10kMessagesCatchesUpWithoutGapOrDuplicate() {
    ChatService chat =
        ChatService.builder()
            .roomRepository(rooms)
            .messageBus(bus)
            .sendTimeout(Duration.ofSeconds(30))
            .build();
    Room room = chat.createRoom("busy", "alice");
    List<ChatMessage> seenBefore = new CopyOnWriteArrayList<>();
    Subscription phone = chat.subscribe(room.id(), -1, seenBefore::add);
    List<ChatMessage> first = publishAll(room.id(), 10, "seen ");
    await().atMost(WAIT).until(() -> seenBefore.size() == 11);
    phone.close();

    List<ChatMessage> missed = new ArrayList<>(publishAll(room.id(), 5_000, "stored "));
    await().atMost(WAIT).until(() -> store.count(room.id()) == 5_011);
    store.writesDown(true);
    missed.addAll(publishAll(room.id(), 5_000, "in log only "));
    await().atMost(WAIT).until(() -> store.failedWrites() >= 1);

    List<ChatMessage> resumed = new CopyOnWriteArrayList<>();
    chat.subscribe(room.id(), first.get(9).seq(), resumed::add);
    assertThat(resumed).as("replayed before subscribe returns").containsExactlyElementsOf(missed);
    ChatMessage next = chat.send(room.id(), "alice", "live again").join();
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(resumed).hasSize(10_001).last().isEqualTo(next));
    assertThat(resumed).extracting(ChatMessage::seq).isSorted().doesNotHaveDuplicates();

    store.writesDown(false);
    await().atMost(WAIT).until(() -> store.count(room.id()) == 10_012);
    assertThat(seenBefore.get(0).type()).isEqualTo(MessageType.JOIN);
  }
}
