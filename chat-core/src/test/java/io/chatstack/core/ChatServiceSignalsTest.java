package io.chatstack.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryMessageStore;
import io.chatstack.memory.InMemoryRoomRepository;
import io.chatstack.memory.InMemorySignalBus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two "nodes" (each its own ChatService) sharing the room repository, the message bus and one
 * signal bus: presence and typing cross between them.
 */
class ChatServiceSignalsTest {
  private final InMemoryRoomRepository rooms = new InMemoryRoomRepository();
  private final InMemoryMessageBus bus = new InMemoryMessageBus(new InMemoryMessageStore());
  private final InMemorySignalBus signals = new InMemorySignalBus();
  private final SignalSettings settings =
      SignalSettings.DEFAULTS
          .withPresenceGrace(Duration.ofMillis(200))
          .withTypingTimeout(Duration.ofMillis(300));
  private final ChatService nodeA = node();
  private final ChatService nodeB = node();

  private ChatService node() {
    return ChatService.builder()
        .roomRepository(rooms)
        .messageBus(bus)
        .signalBus(signals)
        .signalSettings(settings)
        .build();
  }

  @AfterEach
  void close() {
    nodeA.close();
    nodeB.close();
  }

  @Test
  void presenceCrossesNodes() {
    Room room = nodeA.createRoom("r", "alice");
    nodeA.join(room.id(), "bob");
    List<PresenceEvent> onB = new CopyOnWriteArrayList<>();
    nodeB.presence().subscribe(room.id(), onB::add);
    Subscription alice = nodeA.presence().connected("alice");
    await().until(() -> onB.size() == 2);
    assertThat(nodeB.presence().snapshot(room.id()).online()).containsExactly("alice");
    Subscription bobOnB = nodeB.presence().connected("bob");
    await().until(() -> nodeA.presence().snapshot(room.id()).count() == 2);
    alice.close();
    await().until(() -> onB.size() == 4);
    bobOnB.close();
    await().until(() -> onB.size() == 5);
    assertThat(onB)
        .extracting(PresenceEvent::type, PresenceEvent::user, PresenceEvent::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(PresenceEvent.Type.SNAPSHOT, "", 0),
            org.assertj.core.groups.Tuple.tuple(PresenceEvent.Type.ONLINE, "alice", 1),
            org.assertj.core.groups.Tuple.tuple(PresenceEvent.Type.ONLINE, "bob", 2),
            org.assertj.core.groups.Tuple.tuple(PresenceEvent.Type.OFFLINE, "alice", 1),
            org.assertj.core.groups.Tuple.tuple(PresenceEvent.Type.OFFLINE, "bob", 0));
    await().until(() -> nodeA.presence().snapshot(room.id()).count() == 0);
  }

  @Test
  void aNodeThatLeavesTakesItsUsersWithIt() {
    Room room = nodeA.createRoom("r", "alice");
    nodeB.presence().connected("alice");
    await().until(() -> nodeA.presence().snapshot(room.id()).count() == 1);
    // what ChatService.close() does first: NODE_LEFT (closing the whole node would close the shared
    // buses)
    ((io.chatstack.core.internal.PresenceService) nodeB.presence()).close();
    await().until(() -> nodeA.presence().snapshot(room.id()).count() == 0);
  }

  @Test
  void typingCrossesNodesAndStopsWithTheMessage() {
    Room room = nodeA.createRoom("r", "alice");
    nodeA.join(room.id(), "bob");
    List<TypingEvent> onB = new CopyOnWriteArrayList<>();
    nodeB.typing().subscribe(room.id(), onB::add);
    nodeA.typing().typing(room.id(), "alice", true);
    await().until(() -> onB.size() == 1);
    nodeA.send(room.id(), "alice", "hello").join();
    await().until(() -> onB.size() == 2);
    nodeA.typing().typing(room.id(), "bob", true);
    await().until(() -> onB.size() == 4); // bob's true, then his timeout's false
    assertThat(onB)
        .containsExactly(
            new TypingEvent(room.id(), "alice", true),
            new TypingEvent(room.id(), "alice", false),
            new TypingEvent(room.id(), "bob", true),
            new TypingEvent(room.id(), "bob", false));
  }
}
