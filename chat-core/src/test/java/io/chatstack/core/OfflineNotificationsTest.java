package io.chatstack.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.internal.TestClock;
import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryMessageStore;
import io.chatstack.memory.InMemoryRoomRepository;
import io.chatstack.memory.InMemorySignalBus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OfflineNotifier on a real in-memory ChatService, with a clock the test moves. */
class OfflineNotificationsTest {
  record Call(String user, long roomId, List<String> contents) {}

  private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final OfflineNotifications offline =
      OfflineNotifications.builder()
          .notifier(
              (user, roomId, messages) ->
                  calls.add(
                      new Call(user, roomId, messages.stream().map(ChatMessage::content).toList())))
          .clock(clock)
          .build();
  private ChatService chat;
  private Room room;

  @BeforeEach
  void start() {
    chat =
        ChatService.builder()
            .roomRepository(new InMemoryRoomRepository())
            .messageBus(new InMemoryMessageBus(new InMemoryMessageStore(), List.of(offline)))
            .signalBus(new InMemorySignalBus())
            .build();
    offline.bind(chat);
    room = chat.createRoom("team", "alice");
    chat.join(room.id(), "bob");
    chat.join(room.id(), "carol");
    chat.presence().connected("bob");
    chat.presence().connected("alice");
    await().until(() -> chat.presence().snapshot(room.id()).count() == 2);
  }

  @AfterEach
  void stop() {
    chat.close();
  }

  @Test
  void onlyOfflineParticipantsOtherThanTheSenderAreNotifiedAboutChatMessages() {
    chat.send(room.id(), "alice", "hello").join();
    await().until(() -> !calls.isEmpty());
    // bob is online, alice sent it, JOIN records are not notified.
    assertThat(calls).containsExactly(new Call("carol", room.id(), List.of("hello")));
  }

  @Test
  void aUserIsNotifiedAtMostOncePerRoomPerMinInterval() {
    chat.send(room.id(), "alice", "one").join();
    chat.send(room.id(), "alice", "two").join();
    clock.advance(Duration.ofSeconds(59));
    chat.send(room.id(), "alice", "three").join();
    assertThat(calls).containsExactly(new Call("carol", room.id(), List.of("one")));

    clock.advance(Duration.ofSeconds(1));
    chat.send(room.id(), "alice", "four").join();
    assertThat(calls)
        .containsExactly(
            new Call("carol", room.id(), List.of("one")),
            new Call("carol", room.id(), List.of("four")));
  }

  @Test
  void theIntervalIsPerRoomAndPerUser() {
    Room other = chat.createRoom("other", "alice");
    chat.join(other.id(), "carol");
    chat.join(other.id(), "dave");
    chat.send(room.id(), "alice", "in team").join();
    chat.send(other.id(), "alice", "in other").join();
    assertThat(calls)
        .containsExactlyInAnyOrder(
            new Call("carol", room.id(), List.of("in team")),
            new Call("carol", other.id(), List.of("in other")),
            new Call("dave", other.id(), List.of("in other")));
  }

  @Test
  void aSenderWhoGoesOfflineIsNotifiedAboutOthersMessagesOnly() {
    chat.send(room.id(), "carol", "from carol").join();
    // alice and bob are online: nobody to notify.
    assertThat(calls).isEmpty();
    chat.send(room.id(), "alice", "to carol").join();
    assertThat(calls).containsExactly(new Call("carol", room.id(), List.of("to carol")));
  }

  @Test
  void aFailingNotifierDoesNotStopTheOthersOrTheSend() {
    List<String> second = new CopyOnWriteArrayList<>();
    OfflineNotifications two =
        OfflineNotifications.builder()
            .notifier(
                (u, r, m) -> {
                  throw new IllegalStateException("push service down");
                })
            .notifier((u, r, m) -> second.add(u))
            .build();
    try (ChatService service =
        ChatService.builder()
            .roomRepository(new InMemoryRoomRepository())
            .messageBus(new InMemoryMessageBus(new InMemoryMessageStore(), List.of(two)))
            .signalBus(new InMemorySignalBus())
            .build()) {
      two.bind(service);
      Room r = service.createRoom("r", "alice");
      service.join(r.id(), "bob");
      assertThat(service.send(r.id(), "alice", "hi").join().content()).isEqualTo("hi");
      assertThat(second).containsExactly("bob");
      assertThatThrownBy(() -> two.bind(service)).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aNegativeIntervalIsRefused() {
    assertThatThrownBy(() -> OfflineNotifications.builder().minInterval(Duration.ofSeconds(-1)))
        .hasMessageContaining("minInterval must not be negative");
  }
}
