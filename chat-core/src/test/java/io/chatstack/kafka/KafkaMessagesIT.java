package io.chatstack.kafka;

import static io.chatstack.core.TestMessages.draft;
import static io.chatstack.core.TestMessages.freshRoomId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageType;
import io.chatstack.core.Room;
import io.chatstack.core.SendOptions;
import io.chatstack.memory.InMemoryRoomRepository;
import io.chatstack.testkit.kafka.EmbeddedKafka;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The message lifecycle on Kafka when the store lags or fails: {@code find} reads the unstored tail
 * of the log, so replies and edits of a message sent a moment ago work; erasure waits for the
 * persisters.
 */
class KafkaMessagesIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static EmbeddedKafka kafka;
  // Shared by the class so room ids stay unique within the broker's log.
  private static final InMemoryRoomRepository rooms = new InMemoryRoomRepository();

  private final FlakyStore store = new FlakyStore();
  private KafkaMessageBus bus;
  private ChatService chat;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @BeforeEach
  void start() {
    bus =
        new KafkaMessageBus(
            KafkaMessageBusIT.config(kafka)
                // A group of its own: this store receives the log from its start.
                .persisterGroupId("persister-" + freshRoomId())
                .sendTimeout(Duration.ofSeconds(3))
                .build(),
            store);
    chat =
        ChatService.builder()
            .roomRepository(rooms)
            .messageBus(bus)
            .sendTimeout(Duration.ofSeconds(30))
            .build();
  }

  @AfterEach
  void stop() {
    store.writesDown(false);
    store.readsDown(false);
    chat.close();
  }

  @Test
  void aMessageTheStoreDoesNotHoldYetIsFoundInTheLog() {
    store.writesDown(true);
    long roomId = freshRoomId();
    ChatMessage sent = bus.publish(draft(roomId, "alice", "not stored yet")).join();
    assertThat(store.all(roomId)).isEmpty();
    assertThat(bus.find(roomId, sent.id())).contains(sent);
    assertThat(bus.find(roomId, "no-such-id")).isEmpty();
    store.readsDown(true);
    assertThat(bus.find(roomId, sent.id())).as("the log still tells").contains(sent);
    assertThatThrownBy(() -> bus.find(roomId, "no-such-id"))
        .as("neither the store nor the log can tell")
        .isInstanceOf(ChatUnavailableException.class)
        .hasMessageContaining("cannot tell now whether room " + roomId + " has message");
  }

  @Test
  void aReplyAndAnEditRightAfterTheSendWorkWhileThePersisterLags() {
    Room room = chat.createRoom("quick", "alice");
    store.writesDown(true);
    ChatMessage question = chat.send(room.id(), "alice", "question").join();
    ChatMessage answer =
        chat.send(room.id(), "alice", "answer", null, SendOptions.NONE.withReplyTo(question.id()))
            .join();
    assertThat(answer.replyTo()).isEqualTo(question.id());
    ChatMessage edit =
        chat.messages().edit(room.id(), "alice", question.id(), "question?", null).join();
    ChatMessage reaction =
        chat.messages().react(room.id(), "alice", answer.id(), "👍", true).join();
    // Messages may come in their current state (from this node's tail), change records as sent.
    assertThat(chat.since(room.id(), question.seq() - 1, 10))
        .extracting(ChatMessage::id, ChatMessage::seq)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(question.id(), question.seq()),
            org.assertj.core.groups.Tuple.tuple(answer.id(), answer.seq()),
            org.assertj.core.groups.Tuple.tuple(edit.id(), edit.seq()),
            org.assertj.core.groups.Tuple.tuple(reaction.id(), reaction.seq()));
    store.writesDown(false);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(chat.history(room.id(), HistoryQuery.latest(10)).messages())
                    .filteredOn(m -> m.type() == MessageType.CHAT)
                    .extracting(
                        ChatMessage::content, ChatMessage::replyTo, m -> m.reactions().size())
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("question?", "", 0),
                        org.assertj.core.groups.Tuple.tuple("answer", question.id(), 1)));
  }

  @Test
  void anotherNodesHistoryComesFromItsTailWithWhatTheStoreDoesNotHoldYet() {
    KafkaMessageBus busB =
        new KafkaMessageBus(KafkaMessageBusIT.config(kafka).nodeId("node-b").build(), store);
    try (ChatService nodeB = ChatService.builder().roomRepository(rooms).messageBus(busB).build()) {
      Room room = chat.createRoom("tail", "alice");
      ChatMessage first = chat.send(room.id(), "alice", "stored").join();
      await().atMost(WAIT).until(() -> store.count(room.id()) == 2);
      assertThat(nodeB.history(room.id(), HistoryQuery.latest(10)).messages())
          .extracting(ChatMessage::content)
          .endsWith("stored");

      store.writesDown(true);
      ChatMessage second = chat.send(room.id(), "alice", "not stored").join();
      chat.messages().edit(room.id(), "alice", first.id(), "stored, edited", null).join();
      store.readsDown(true); // from now on node b cannot read the store at all

      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(nodeB.history(room.id(), HistoryQuery.latest(10)).messages())
                      .filteredOn(m -> m.type() == MessageType.CHAT)
                      .extracting(ChatMessage::content)
                      .containsExactly("stored, edited", "not stored"));
      assertThat(nodeB.since(room.id(), first.seq(), 10))
          .extracting(ChatMessage::id)
          .startsWith(second.id());
      assertThat(nodeB.historyTailStats()).containsEntry("loads", 1L);
    }
  }

  @Test
  void erasureWaitsForThePersistersAndRefusesWhenTheyCannotCatchUp() {
    Room room = chat.createRoom("erase", "alice");
    store.writesDown(true);
    ChatMessage secret = chat.send(room.id(), "alice", "secret").join();
    assertThatThrownBy(() -> chat.eraseUser("alice"))
        .isInstanceOf(ChatUnavailableException.class)
        .hasMessageContaining("persisters did not store");
    store.writesDown(false);
    assertThat(chat.eraseUser("alice")).isEqualTo(1);
    assertThat(chat.history(room.id(), HistoryQuery.latest(10)).messages())
        .filteredOn(m -> m.id().equals(secret.id()))
        .singleElement()
        .satisfies(m -> assertThat(m.deleted()).isTrue());
    assertThat(chat.since(room.id(), -1, 10)).noneMatch(m -> m.content().contains("secret"));
  }
}
