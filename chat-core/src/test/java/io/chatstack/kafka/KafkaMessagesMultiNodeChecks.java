package io.chatstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageStore;
import io.chatstack.core.MessageType;
import io.chatstack.core.Room;
import io.chatstack.core.RoomView;
import io.chatstack.core.SendOptions;
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

/**
 * The message lifecycle on two nodes (each its own Kafka bus) sharing one broker, room repository
 * and message store: changes made on different nodes reach every subscriber in the same order, and
 * live subscribers, reconnecting subscribers and history agree. Run on each store by a subclass.
 */
abstract class KafkaMessagesMultiNodeChecks {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static EmbeddedKafka kafka;
  // Shared so room ids stay unique within the broker's log and the store.
  private static final InMemoryRoomRepository rooms = new InMemoryRoomRepository();

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

  /** The store both nodes share (the same one for every test of the class). */
  protected abstract MessageStore store();

  private ChatService node(String name) {
    return ChatService.builder()
        .roomRepository(rooms)
        .messageBus(
            new KafkaMessageBus(KafkaMessageBusIT.config(kafka).nodeId(name).build(), store()))
        .sendTimeout(Duration.ofSeconds(30))
        .build();
  }

  private static List<ChatMessage> collect(ChatService node, long roomId) {
    List<ChatMessage> received = new CopyOnWriteArrayList<>();
    node.subscribe(roomId, received::add);
    return received;
  }

  /** The records with seq &ge; {@code seq}, in the order received. */
  private static List<ChatMessage> from(List<ChatMessage> received, long seq) {
    return received.stream().filter(m -> m.seq() >= seq).toList();
  }

  private static List<ChatMessage> chatOnly(List<ChatMessage> messages) {
    return messages.stream().filter(m -> m.type() == MessageType.CHAT).toList();
  }

  private List<ChatMessage> history(long roomId) {
    return chatOnly(nodeA.history(roomId, HistoryQuery.latest(HistoryQuery.MAX_LIMIT)).messages());
  }

  @Test
  void anEditOnOneNodeAndADeleteOnTheOtherArriveInTheSameOrderEverywhere() {
    Room room = nodeA.createRoom("race", "alice");
    nodeB.join(room.id(), "bob");
    List<ChatMessage> onA = collect(nodeA, room.id());
    List<ChatMessage> onB = collect(nodeB, room.id());
    List<ChatMessage> sent = new ArrayList<>();
    List<CompletableFuture<ChatMessage>> changes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ChatMessage m = nodeA.send(room.id(), "alice", "message " + i).join();
      sent.add(m);
      // All are checked before any is ordered, so all are accepted; the log decides.
      changes.add(nodeB.messages().react(room.id(), "bob", m.id(), "👍", true));
      changes.add(nodeA.messages().edit(room.id(), "alice", m.id(), "edited " + i, null));
      changes.add(nodeB.messages().delete(room.id(), "alice", m.id()));
    }
    ChatMessage survivor = nodeB.send(room.id(), "bob", "survivor").join();
    changes.add(nodeA.messages().edit(room.id(), "bob", survivor.id(), "survivor, edited", null));
    changes.add(nodeB.messages().react(room.id(), "alice", survivor.id(), "🎉", true));
    List<ChatMessage> accepted = changes.stream().map(CompletableFuture::join).toList();
    long last = accepted.stream().mapToLong(ChatMessage::seq).max().orElseThrow();

    await().atMost(WAIT).until(() -> !onA.isEmpty() && onA.get(onA.size() - 1).seq() >= last);
    // Both listeners were registered before the first message. Bob's JOIN came earlier: node B
    // had usually read it when join returned, node A may read it after its listener was added.
    long first = sent.get(0).seq();
    for (List<ChatMessage> on : List.of(onA, onB)) {
      assertThat(on.stream().filter(m -> m.seq() < first))
          .as("before the first message, at most bob's JOIN")
          .allMatch(m -> m.type() == MessageType.JOIN && m.sender().equals("bob"))
          .hasSizeLessThanOrEqualTo(1);
    }
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(from(onB, first))
                    .as("the same records in the same order")
                    .isEqualTo(from(onA, first)));
    assertThat(onA).containsAll(accepted);

    RoomView view = RoomView.of(onA);
    for (ChatMessage m : sent) {
      assertThat(view.get(m.id()).deleted()).as("deleted, whichever came first").isTrue();
      assertThat(view.get(m.id()).content()).isEmpty();
    }
    assertThat(view.get(survivor.id()).content()).isEqualTo("survivor, edited");
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(history(room.id())).isEqualTo(chatOnly(view.messages())));
    assertThat(chatOnly(RoomView.of(nodeB.since(room.id(), -1, HistoryQuery.MAX_LIMIT)).messages()))
        .isEqualTo(history(room.id()));
  }

  @Test
  void aSubscriberThatReconnectsWithSinceSeqEndsWhereOneThatStayedAndHistoryAre() {
    Room room = nodeA.createRoom("reconnect", "alice");
    nodeA.join(room.id(), "bob");
    List<ChatMessage> stayed = collect(nodeA, room.id());
    List<ChatMessage> reconnecting = new CopyOnWriteArrayList<>();
    Subscription first = nodeB.subscribe(room.id(), reconnecting::add);

    ChatMessage one = nodeA.send(room.id(), "alice", "one").join();
    ChatMessage two = nodeB.send(room.id(), "bob", "two").join();
    ChatMessage seen = nodeB.messages().react(room.id(), "alice", two.id(), "👀", true).join();
    await().atMost(WAIT).until(() -> reconnecting.contains(seen));
    first.close(); // disconnected
    long mark = reconnecting.get(reconnecting.size() - 1).seq();

    nodeA.messages().edit(room.id(), "alice", one.id(), "one, edited", null).join();
    ChatMessage three = nodeA.send(room.id(), "alice", "three").join();
    nodeB.messages().react(room.id(), "bob", one.id(), "👍", true).join();
    nodeA.messages().react(room.id(), "alice", two.id(), "👀", false).join();
    nodeB.messages().delete(room.id(), "bob", two.id()).join();
    nodeB.messages().edit(room.id(), "alice", three.id(), "three, edited", null).join();
    ChatMessage four = nodeB.send(room.id(), "bob", "four").join();
    ChatMessage end = nodeA.messages().react(room.id(), "bob", four.id(), "🎉", true).join();

    // Reconnects on the other node, from the last seq it saw.
    nodeA.subscribe(room.id(), mark, reconnecting::add);
    await().atMost(WAIT).until(() -> reconnecting.contains(end) && stayed.contains(end));
    List<ChatMessage> stayedView = chatOnly(RoomView.of(stayed).messages());
    assertThat(stayedView)
        .extracting(ChatMessage::content, ChatMessage::deleted)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("one, edited", false),
            org.assertj.core.groups.Tuple.tuple("", true),
            org.assertj.core.groups.Tuple.tuple("three, edited", false),
            org.assertj.core.groups.Tuple.tuple("four", false));
    assertThat(chatOnly(RoomView.of(reconnecting).messages())).isEqualTo(stayedView);
    await().atMost(WAIT).untilAsserted(() -> assertThat(history(room.id())).isEqualTo(stayedView));
    RoomView fromHistory = RoomView.of(history(room.id()));
    nodeB.since(room.id(), mark, HistoryQuery.MAX_LIMIT).forEach(fromHistory::apply);
    assertThat(fromHistory.messages()).as("history, then a replay").isEqualTo(stayedView);
  }

  @Test
  void aReplyOnAnotherNodeToAMessageSentAMomentAgoWorks() {
    Room room = nodeA.createRoom("reply", "alice");
    nodeB.join(room.id(), "bob");
    for (int i = 0; i < 20; i++) {
      ChatMessage question = nodeA.send(room.id(), "alice", "question " + i).join();
      ChatMessage answer =
          nodeB
              .send(
                  room.id(),
                  "bob",
                  "answer " + i,
                  null,
                  SendOptions.NONE
                      .withReplyTo(question.id())
                      .withMetadata(java.util.Map.of("i", i)))
              .join();
      assertThat(answer.replyTo()).isEqualTo(question.id());
      assertThat(answer.metadata()).isEqualTo(java.util.Map.of("i", i));
      assertThat(nodeB.messages().edit(room.id(), "alice", question.id(), "q" + i, null).join())
          .extracting(ChatMessage::targetId)
          .isEqualTo(question.id());
    }
  }

  @Test
  void erasureOnOneNodeRemovesTheContentFromHistoryAndReplaysOnEvery() {
    Room room = nodeA.createRoom("erasure", "alice");
    nodeB.join(room.id(), "bob");
    ChatMessage secret = nodeA.send(room.id(), "alice", "secret").join();
    nodeA.messages().edit(room.id(), "alice", secret.id(), "secret, edited", null).join();
    ChatMessage kept = nodeB.send(room.id(), "bob", "kept").join();
    ChatMessage last = nodeA.send(room.id(), "alice", "secret too").join();

    assertThat(nodeB.eraseUser("alice")).isGreaterThanOrEqualTo(2);
    for (ChatService node : List.of(nodeA, nodeB)) {
      List<ChatMessage> history =
          chatOnly(node.history(room.id(), HistoryQuery.latest(10)).messages());
      assertThat(history)
          .extracting(ChatMessage::id, ChatMessage::content, ChatMessage::deleted)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(secret.id(), "", true),
              org.assertj.core.groups.Tuple.tuple(kept.id(), "kept", false),
              org.assertj.core.groups.Tuple.tuple(last.id(), "", true));
      assertThat(node.since(room.id(), -1, 100))
          .isNotEmpty()
          .noneMatch(m -> m.content().contains("secret"));
    }
  }
}
