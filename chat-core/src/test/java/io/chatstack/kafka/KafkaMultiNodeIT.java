package io.chatstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageType;
import io.chatstack.core.NotParticipantException;
import io.chatstack.core.Room;
import io.chatstack.core.RoomEvent;
import io.chatstack.kafka.internal.RecordCodec;
import io.chatstack.memory.InMemoryMessageStore;
import io.chatstack.memory.InMemoryRoomRepository;
import io.chatstack.testkit.kafka.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two ChatService "nodes" sharing one broker, room repository and message store. */
class KafkaMultiNodeIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static EmbeddedKafka kafka;

  // Shared by the class so room ids stay unique within the broker's log.
  private static final InMemoryRoomRepository rooms = new InMemoryRoomRepository();
  private static final InMemoryMessageStore store = new InMemoryMessageStore();
  private ChatService nodeA;
  private ChatService nodeB;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @BeforeEach
  void startNodes() {
    nodeA = node("node-a");
    nodeB = node("node-b");
  }

  @AfterEach
  void stopNodes() {
    nodeA.close();
    nodeB.close();
  }

  private ChatService node(String name) {
    KafkaMessageBus bus =
        new KafkaMessageBus(KafkaMessageBusIT.config(kafka).nodeId(name).build(), store);
    return ChatService.builder()
        .roomRepository(rooms)
        .messageBus(bus)
        .sendTimeout(Duration.ofSeconds(30))
        // Far beyond any test: only room events can refresh a node's cached rooms in time.
        .roomCacheTtl(Duration.ofMinutes(10))
        .build();
  }

  @Test
  void membershipChangedOnOneNodeReachesTheOtherNodesChecks() {
    Room room = nodeA.createRoom("membership", "alice");
    nodeA.join(room.id(), "bob");
    nodeB.send(room.id(), "bob", "hi from node b").join(); // node b now caches the room

    nodeA.join(room.id(), "carol");
    assertThat(nodeB.send(room.id(), "carol", "carol at once").join().sender())
        .as("a refusal by the cache is confirmed against the repository")
        .isEqualTo("carol");

    nodeA.leave(room.id(), "bob");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThatThrownBy(() -> nodeB.send(room.id(), "bob", "still here?"))
                    .isInstanceOf(NotParticipantException.class));
  }

  /**
   * The CHAT messages the node delivers from now on (a JOIN published just before may still
   * arrive).
   */
  private static List<ChatMessage> collect(ChatService node, long roomId) {
    List<ChatMessage> received = new CopyOnWriteArrayList<>();
    node.subscribe(
        roomId,
        m -> {
          if (m.type() == MessageType.CHAT) {
            received.add(m);
          }
        });
    return received;
  }

  @Test
  void bothNodesDeliverEveryMessageToTheirLocalSubscribers() {
    List<RoomEvent> eventsOnB = new CopyOnWriteArrayList<>();
    nodeB.subscribeRooms(eventsOnB::add);
    Room room = nodeA.createRoom("general", "alice");
    nodeB.join(room.id(), "bob");
    List<ChatMessage> onA = collect(nodeA, room.id());
    List<ChatMessage> onB = collect(nodeB, room.id());
    List<CompletableFuture<ChatMessage>> sends = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sends.add(nodeA.send(room.id(), "alice", "from a " + i));
      sends.add(nodeB.send(room.id(), "bob", "from b " + i));
    }
    List<ChatMessage> acked =
        sends.stream()
            .map(CompletableFuture::join)
            .sorted(Comparator.comparingLong(ChatMessage::seq))
            .toList();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(onA).containsExactlyElementsOf(acked);
              assertThat(onB).containsExactlyElementsOf(acked);
            });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(store.page(room.id(), HistoryQuery.latest(200)).messages())
                    .filteredOn(m -> m.type() == MessageType.CHAT)
                    .containsExactlyElementsOf(acked));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(eventsOnB)
                    .extracting(RoomEvent::kind)
                    .contains(RoomEvent.Kind.CREATED, RoomEvent.Kind.JOINED));
  }

  @Test
  void perRoomOrderHoldsUnderConcurrentSendersOnThreePartitions() throws Exception {
    List<Room> chatRooms = new ArrayList<>();
    for (int r = 0; r < 6; r++) {
      Room room = nodeA.createRoom("room " + r, "s0");
      for (int s = 1; s < 4; s++) {
        nodeB.join(room.id(), "s" + s);
      }
      chatRooms.add(room);
    }
    assertThat(chatRooms.stream().map(r -> RecordCodec.partition(r.id(), 3)).distinct().count())
        .as("rooms spread over several partitions")
        .isGreaterThan(1);
    Map<Long, List<ChatMessage>> onA = new ConcurrentHashMap<>();
    Map<Long, List<ChatMessage>> onB = new ConcurrentHashMap<>();
    chatRooms.forEach(
        r -> {
          onA.put(r.id(), collect(nodeA, r.id()));
          onB.put(r.id(), collect(nodeB, r.id()));
        });
    int perRoom = 40;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<ChatMessage>>> senders = new ArrayList<>();
    for (int s = 0; s < 4; s++) {
      String sender = "s" + s;
      ChatService node = s % 2 == 0 ? nodeA : nodeB;
      senders.add(
          pool.submit(
              () -> {
                go.await();
                List<CompletableFuture<ChatMessage>> mine = new ArrayList<>();
                for (int i = 0; i < perRoom; i++) {
                  for (Room room : chatRooms) {
                    mine.add(node.send(room.id(), sender, sender + ":" + i));
                  }
                }
                return mine.stream().map(CompletableFuture::join).toList();
              }));
    }
    go.countDown();
    List<ChatMessage> acked = new ArrayList<>();
    for (Future<List<ChatMessage>> f : senders) {
      acked.addAll(f.get(3, TimeUnit.MINUTES));
    }
    pool.shutdown();
    assertThat(acked).hasSize(4 * perRoom * chatRooms.size());
    Map<Long, List<ChatMessage>> expected =
        acked.stream()
            .collect(
                Collectors.groupingBy(
                    ChatMessage::roomId,
                    Collectors.collectingAndThen(
                        Collectors.toList(),
                        l ->
                            l.stream()
                                .sorted(Comparator.comparingLong(ChatMessage::seq))
                                .toList())));
    for (Room room : chatRooms) {
      List<ChatMessage> want = expected.get(room.id());
      assertThat(want).extracting(ChatMessage::seq).doesNotHaveDuplicates();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                assertThat(onA.get(room.id())).containsExactlyElementsOf(want);
                assertThat(onB.get(room.id())).containsExactlyElementsOf(want);
              });
      for (int s = 0; s < 4; s++) {
        String sender = "s" + s;
        List<Integer> order =
            want.stream()
                .filter(m -> m.sender().equals(sender))
                .map(m -> Integer.parseInt(m.content().substring(m.content().indexOf(':') + 1)))
                .toList();
        assertThat(order)
            .as("order of %s in room %s", sender, room.id())
            .isSorted()
            .hasSize(perRoom);
      }
    }
  }
}
