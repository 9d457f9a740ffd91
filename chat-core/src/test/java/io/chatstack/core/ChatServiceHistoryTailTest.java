package io.chatstack.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryRoomRepository;
import io.chatstack.memory.InMemorySignalBus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service's history tails: two services ("nodes") sharing one bus, room repository and signal
 * bus, as nodes share Kafka, the databases and the signal topic.
 */
class ChatServiceHistoryTailTest {
  private final SwitchableStore store = new SwitchableStore();
  private final InMemoryMessageBus bus = new InMemoryMessageBus(store);
  private final InMemoryRoomRepository rooms = new InMemoryRoomRepository();
  private final InMemorySignalBus signals = new InMemorySignalBus();
  private final ChatService nodeA = node();
  private final ChatService nodeB = node();

  private ChatService node() {
    return ChatService.builder()
        .messageBus(bus)
        .roomRepository(rooms)
        .signalBus(signals)
        .roomCacheTtl(Duration.ofHours(1))
        .build();
  }

  @AfterEach
  void close() {
    nodeA.close();
    nodeB.close();
  }

  private List<ChatMessage> latest(ChatService node, long roomId) {
    return node.history(roomId, HistoryQuery.latest(10)).messages();
  }

  @Test
  void historyFromTheTailNeedsNoStoreAndHasEveryChange() {
    Room room = nodeA.createRoom("general", "alice");
    ChatMessage sent = nodeA.send(room.id(), "alice", "hello").join();
    assertThat(latest(nodeB, room.id())).contains(sent);

    nodeA.messages().edit(room.id(), "alice", sent.id(), "hello!", null).join();
    nodeA.messages().react(room.id(), "alice", sent.id(), "👍", true).join();
    store.failReads(new ChatUnavailableException("store down"));

    ChatMessage shown = latest(nodeB, room.id()).get(1);
    assertThat(shown.content()).isEqualTo("hello!");
    assertThat(shown.reactions()).containsKey("👍");
    assertThat(nodeB.history(room.id(), HistoryQuery.latest(1000)).messages())
        .as("a room smaller than the tail answers any page")
        .hasSize(2);
  }

  @Test
  void aReconnectsReplayComesFromTheTailThenTheLiveStreamWithoutGapOrRepeat() {
    Room room = nodeA.createRoom("general", "alice");
    ChatMessage seen = nodeA.send(room.id(), "alice", "seen").join();
    ChatMessage missed = nodeA.send(room.id(), "alice", "missed").join();
    nodeA.messages().edit(room.id(), "alice", missed.id(), "missed!", null).join();
    assertThat(latest(nodeB, room.id())).hasSize(3); // the JOIN record and both messages
    store.failReads(new ChatUnavailableException("store down"));

    List<ChatMessage> received = new CopyOnWriteArrayList<>();
    try (Subscription s = nodeB.subscribe(room.id(), seen.seq(), received::add)) {
      assertThat(received)
          .as("replayed from node b's tail: the message in its current state, then its edit")
          .hasSize(2);
      assertThat(received.get(0).content()).isEqualTo("missed!");
      assertThat(received.get(1).isChange()).isTrue();
      assertThat(nodeB.since(room.id(), seen.seq(), 10)).isEqualTo(received);
      store.failReads(null);
      ChatMessage live = nodeA.send(room.id(), "alice", "live").join();
      assertThat(received).hasSize(3).endsWith(live);
    }
    assertThat(nodeB.historyTailStats().get("hits")).isGreaterThanOrEqualTo(3L);
  }

  @Test
  void anErasureOnOneNodeReachesTheOtherNodesHistoryAtOnce() {
    Room room = nodeA.createRoom("general", "alice");
    nodeA.join(room.id(), "bob");
    ChatMessage secret = nodeA.send(room.id(), "alice", "my address").join();
    assertThat(latest(nodeA, room.id())).contains(secret);
    assertThat(latest(nodeB, room.id())).contains(secret);

    assertThat(nodeA.eraseUser("alice")).isEqualTo(1);

    assertErased(nodeA, room.id(), secret);
    // The signal bus is asynchronous; nothing but the signal drops node b's tail in this test.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertErased(nodeB, room.id(), secret));
  }

  private void assertErased(ChatService node, long roomId, ChatMessage secret) {
    ChatMessage shown =
        latest(node, roomId).stream()
            .filter(m -> m.id().equals(secret.id()))
            .findFirst()
            .orElseThrow();
    assertThat(shown.deleted()).isTrue();
    assertThat(shown.content()).isEmpty();
  }

  @Test
  void aDeletedRoomsTailIsDroppedOnEveryNode() {
    Room room = nodeA.createRoom("general", "alice");
    latest(nodeA, room.id());
    latest(nodeB, room.id());
    assertThat(nodeB.historyTailStats()).containsEntry("rooms", 1L);

    nodeA.moderation().deleteRoom(room.id(), "alice");

    assertThat(nodeA.historyTailStats()).containsEntry("rooms", 0L).containsEntry("bytes", 0L);
    assertThat(nodeB.historyTailStats()).containsEntry("rooms", 0L).containsEntry("bytes", 0L);
  }

  @Test
  void theTailSettingsAreChecked() {
    ChatService.Builder builder = ChatService.builder();
    assertThatThrownBy(() -> builder.historyTail(-1, 1, Duration.ofMinutes(1)))
        .hasMessageContaining("recordsPerRoom must be between 0 and 100000");
    assertThatThrownBy(() -> builder.historyTail(100_001, 1, Duration.ofMinutes(1)))
        .hasMessageContaining("recordsPerRoom must be between 0 and 100000");
    assertThatThrownBy(() -> builder.historyTail(1, -1, Duration.ofMinutes(1)))
        .hasMessageContaining("maxBytes must not be negative");
    assertThatThrownBy(() -> builder.historyTail(1, 1, Duration.ZERO))
        .hasMessageContaining("maxAge must be positive");
    builder.historyTail(100_000, 0, Duration.ofNanos(1)); // the largest tail is allowed
    try (ChatService off = builder.historyTail(0, 0, Duration.ofMinutes(1)).build()) {
      Room room = off.createRoom("general", "alice");
      off.history(room.id(), HistoryQuery.latest(10));
      assertThat(off.historyTailStats()).containsEntry("hits", 0L).containsEntry("rooms", 0L);
    }
  }
}
