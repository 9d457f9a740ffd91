package io.chatstack.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryMessageStore;
import io.chatstack.memory.InMemoryRoomRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ChatService}'s rules beyond the happy path of {@link ChatServiceTest}: its builder, the
 * room cache as callers see it, room events, catching up with {@code since} and plain subscribe.
 */
class ChatServiceRulesTest {
  private final InMemoryRoomRepository repository = new InMemoryRoomRepository();
  private final InMemoryMessageBus bus = new InMemoryMessageBus(new InMemoryMessageStore());
  private final ChatService chat =
      ChatService.builder()
          .roomRepository(repository)
          .messageBus(bus)
          .roomCacheTtl(Duration.ofHours(1))
          .build();

  @AfterEach
  void close() {
    chat.close();
  }

  @Test
  void isParticipantReadsTheRepositoryAndChecksTheName() {
    Room room = chat.createRoom("members", "alice");
    assertThat(chat.isParticipant(room.id(), "alice")).isTrue();
    assertThat(chat.isParticipant(room.id(), "bob")).isFalse();
    // added behind the service's back (another node): the answer is fresh, not the cache's
    chat.cachedRoom(room.id());
    repository.addParticipant(room.id(), "bob");
    assertThat(chat.isParticipant(room.id(), "bob")).isTrue();
    assertThat(chat.isParticipant(Long.MAX_VALUE - 9, "alice")).isFalse();
    assertThatThrownBy(() -> chat.isParticipant(room.id(), " "))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void theBuilderRefusesTimeoutsThatCannotWork() {
    ChatService.Builder builder = ChatService.builder();
    assertThatThrownBy(() -> builder.sendTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sendTimeout must be positive");
    assertThatThrownBy(() -> builder.sendTimeout(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.roomCacheTtl(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("roomCacheTtl must not be negative");
    try (ChatService service =
        builder.sendTimeout(Duration.ofMillis(1)).roomCacheTtl(Duration.ZERO).build()) {
      Room room = service.createRoom("ok", "alice");
      assertThat(service.send(room.id(), "alice", "hi").join().content()).isEqualTo("hi");
    }
  }

  @Test
  void timestampsComeFromTheConfiguredClockInMilliseconds() {
    Instant now = Instant.parse("2026-01-02T03:04:05.678901Z");
    try (ChatService service =
        ChatService.builder().clock(Clock.fixed(now, ZoneOffset.UTC)).build()) {
      Room room = service.createRoom("timed", "alice");
      Instant millis = Instant.parse("2026-01-02T03:04:05.678Z");
      assertThat(room.createdAt()).isEqualTo(millis);
      assertThat(service.send(room.id(), "alice", "hi").join().timestamp()).isEqualTo(millis);
    }
  }

  @Test
  void aZeroRoomCacheTtlReadsEveryChangeOfAnotherNodeAtOnce() {
    try (ChatService uncached =
        ChatService.builder().roomRepository(repository).roomCacheTtl(Duration.ZERO).build()) {
      Room room = uncached.createRoom("shared", "alice");
      assertThat(uncached.cachedRoom(room.id()).participants()).containsExactly("alice");
      repository.addParticipant(room.id(), "bob"); // another node's join
      assertThat(uncached.cachedRoom(room.id()).participants()).containsExactly("alice", "bob");
    }
  }

  @Test
  void aRoomEventFromAnotherNodeRefreshesTheCachedRoom() {
    Room room = chat.createRoom("shared", "alice");
    assertThat(chat.cachedRoom(room.id()).participants()).containsExactly("alice");
    repository.addParticipant(
        room.id(), "carol"); // another node's join, its event still on the way
    assertThat(chat.cachedRoom(room.id()).participants()).containsExactly("alice");

    RoomSummary after = repository.findSummary(room.id()).orElseThrow();
    bus.publishRoomEvent(new RoomEvent(RoomEvent.Kind.JOINED, after, "carol")).join();

    assertThat(chat.cachedRoom(room.id()).participants()).containsExactly("alice", "carol");
  }

  @Test
  void listenersOfTheJoinAndLeaveMessagesSeeTheChangeInTheCachedRoom() {
    Room room = chat.createRoom("general", "alice");
    List<Boolean> bobInCachedRoom = new CopyOnWriteArrayList<>();
    chat.subscribe(
        room.id(), m -> bobInCachedRoom.add(chat.cachedRoom(room.id()).hasParticipant("bob")));
    assertThat(chat.cachedRoom(room.id()).participants()).containsExactly("alice");

    chat.join(room.id(), "bob");
    assertThat(chat.cachedRoom(room.id()).participants()).containsExactly("alice", "bob");
    chat.leave(room.id(), "bob");

    assertThat(bobInCachedRoom).containsExactly(true, false);
    assertThat(chat.cachedRoom(room.id()).participantCount()).isEqualTo(1);
  }

  @Test
  void aDirectRoomIsAnnouncedOnceToRoomListeners() {
    List<RoomEvent> events = new CopyOnWriteArrayList<>();
    Subscription subscription = chat.subscribeRooms(events::add);
    DirectRoom direct = chat.directRoom("bob", "alice");
    chat.directRoom("alice", "bob");

    assertThat(events)
        .extracting(RoomEvent::kind, RoomEvent::user, e -> e.room().id())
        .containsExactly(tuple(RoomEvent.Kind.CREATED, "bob", direct.room().id()));
    assertThat(events.get(0).room().participantCount()).isEqualTo(2);
    assertThat(direct.room().name()).isEqualTo("alice & bob");

    subscription.close();
    chat.createRoom("unheard", "alice");
    assertThat(events).hasSize(1);
  }

  @Test
  void sinceListsTheMessagesAfterASeqUpToTheLimit() {
    Room room = chat.createRoom("general", "alice");
    ChatMessage one = chat.send(room.id(), "alice", "one").join();
    ChatMessage two = chat.send(room.id(), "alice", "two").join();
    ChatMessage three = chat.send(room.id(), "alice", "three").join();

    assertThat(chat.since(room.id(), one.seq(), 1)).containsExactly(two);
    assertThat(chat.since(room.id(), one.seq(), HistoryQuery.MAX_LIMIT))
        .containsExactly(two, three);
    assertThat(chat.since(room.id(), three.seq(), 10)).isEmpty();
    assertThatThrownBy(() -> chat.since(room.id(), 0, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("between 1 and 1000, was 0");
    assertThatThrownBy(() -> chat.since(room.id(), 0, HistoryQuery.MAX_LIMIT + 1))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> chat.since(404_404L, 0, 10)).isInstanceOf(RoomNotFoundException.class);
  }

  @Test
  void aPlainSubscriptionDeliversLiveMessagesUntilClosed() {
    Room room = chat.createRoom("general", "alice");
    ChatMessage old = chat.send(room.id(), "alice", "before").join();
    List<ChatMessage> seen = new CopyOnWriteArrayList<>();
    Subscription subscription = chat.subscribe(room.id(), seen::add);
    ChatMessage live = chat.send(room.id(), "alice", "live").join();
    subscription.close();
    chat.send(room.id(), "alice", "after").join();

    assertThat(seen).containsExactly(live).doesNotContain(old);
  }

  @Test
  void aMissingRoomIsReportedWithItsId() {
    assertThatThrownBy(() -> chat.summary(404_404L))
        .isInstanceOfSatisfying(
            RoomNotFoundException.class, e -> assertThat(e.roomId()).isEqualTo(404_404L));
    assertThatThrownBy(() -> chat.room(404_405L))
        .isInstanceOfSatisfying(
            RoomNotFoundException.class, e -> assertThat(e.roomId()).isEqualTo(404_405L))
        .extracting(e -> ((ChatException) e).code())
        .isEqualTo("room-not-found");
  }
}
