package io.chatstack.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.internal.CatchUpListener;
import io.chatstack.json.ChatJson;
import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryMessageStore;
import io.chatstack.memory.InMemoryRoomRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatServiceTest {
  private final ChatService chat =
      ChatService.builder().limits(ChatLimits.DEFAULTS.withMaxContentLength(20)).build();

  @AfterEach
  void close() {
    chat.close();
  }

  @Test
  void creatorJoinsTheRoomAndHistoryShowsTheJoin() {
    Room room = chat.createRoom("general", "alice");
    assertThat(room.participants()).containsExactly("alice");
    assertThat(chat.rooms()).contains(room.summary());
    List<ChatMessage> history = chat.history(room.id(), Long.MAX_VALUE, 10).messages();
    assertThat(history)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.type()).isEqualTo(MessageType.JOIN);
              assertThat(m.sender()).isEqualTo("alice");
            });
  }

  @Test
  void joinAndLeavePublishOnceEach() {
    Room room = chat.createRoom("general", "alice");
    chat.join(room.id(), "bob");
    assertThat(chat.join(room.id(), "bob").participants()).containsExactly("alice", "bob");
    assertThat(chat.roomsOf("bob")).extracting(RoomSummary::id).containsExactly(room.id());
    chat.leave(room.id(), "bob");
    assertThat(chat.leave(room.id(), "bob").participants()).containsExactly("alice");
    assertThat(chat.history(room.id(), HistoryQuery.latest(10)).messages())
        .extracting(ChatMessage::type)
        .containsExactly(MessageType.JOIN, MessageType.JOIN, MessageType.LEAVE);
  }

  @Test
  void sendCompletesWithTheOrderedMessage() {
    Room room = chat.createRoom("general", "alice");
    ChatMessage sent = chat.send(room.id(), "alice", "hello").join();
    assertThat(sent.seq()).isPositive();
    assertThat(sent.sender()).isEqualTo("alice");
    assertThat(sent.type()).isEqualTo(MessageType.CHAT);
    assertThat(chat.history(room.id(), HistoryQuery.latest(1)).messages()).containsExactly(sent);
  }

  @Test
  void resendingWithTheSameClientMsgIdReturnsTheOriginal() {
    Room room = chat.createRoom("general", "alice");
    ChatMessage first = chat.send(room.id(), "alice", "hello", "k1").join();
    ChatMessage again = chat.send(room.id(), "alice", "hello", "k1").join();
    assertThat(again).isEqualTo(first);
    assertThat(chat.history(room.id(), HistoryQuery.latest(10)).messages()).hasSize(2);
  }

  @Test
  void invalidInputIsRefusedWithSpecificExceptionsAndChangesNothing() {
    Room room = chat.createRoom("general", "alice");
    assertThatThrownBy(() -> chat.createRoom("  ", "alice"))
        .isInstanceOf(InvalidRoomNameException.class)
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> chat.createRoom("x".repeat(101), "alice"))
        .isInstanceOf(InvalidRoomNameException.class)
        .hasMessageContaining("maximum is 100");
    assertThatThrownBy(() -> chat.createRoom("ok", " "))
        .isInstanceOf(InvalidUsernameException.class);
    assertThatThrownBy(() -> chat.send(room.id(), "alice", " \n"))
        .isInstanceOf(InvalidContentException.class)
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> chat.send(room.id(), "alice", "y".repeat(21)))
        .isInstanceOf(InvalidContentException.class)
        .hasMessageContaining("21 characters")
        .hasMessageContaining("maximum is 20");
    assertThatThrownBy(() -> chat.send(room.id(), "alice", "ok", "bad\u0000id"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("clientMsgId");
    assertThatThrownBy(() -> chat.send(999_999, "alice", "hi"))
        .isInstanceOf(RoomNotFoundException.class)
        .hasMessageContaining("999999");
    assertThatThrownBy(() -> chat.send(room.id(), "mallory", "hi"))
        .isInstanceOf(NotParticipantException.class)
        .hasMessageContaining("join the room first");
    assertThatThrownBy(() -> chat.join(999_999, "bob")).isInstanceOf(RoomNotFoundException.class);
    assertThatThrownBy(() -> chat.history(room.id(), HistoryQuery.latest(0)))
        .isInstanceOf(InvalidInputException.class);
    assertThat(chat.rooms()).containsExactly(room.summary());
    assertThat(chat.history(room.id(), HistoryQuery.latest(10)).messages()).hasSize(1);
  }

  @Test
  void aReplayEndedByAnErrorFromTheListenerRemovesItsRegistration() {
    List<String> events = new CopyOnWriteArrayList<>();
    MessageBus bus =
        new ForwardingMessageBus(new InMemoryMessageBus(new InMemoryMessageStore())) {
          @Override
          public Subscription subscribe(long roomId, MessageListener listener) {
            Subscription registered = super.subscribe(roomId, listener);
            if (!(listener instanceof CatchUpListener)) {
              return registered; // the room's history tail, say
            }
            events.add("subscribed " + roomId);
            return () -> {
              events.add("closed " + roomId);
              registered.close();
            };
          }
        };
    try (ChatService service = ChatService.builder().messageBus(bus).build()) {
      Room room = service.createRoom("general", "alice");
      ChatMessage missed = service.send(room.id(), "alice", "missed").join();
      MessageListener failing =
          message -> {
            throw new AssertionError("listener broke on " + message.content());
          };
      assertThatThrownBy(() -> service.subscribe(room.id(), missed.seq() - 1, failing))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("missed");
      assertThat(events).containsExactly("subscribed " + room.id(), "closed " + room.id());
    }
  }

  @Test
  void registeredRunsBeforeTheReplayAndARefusalThereEndsTheSubscription() {
    Room room = chat.createRoom("general", "alice");
    ChatMessage missed = chat.send(room.id(), "alice", "missed").join();
    List<String> seen = new CopyOnWriteArrayList<>();
    MessageListener recording =
        new MessageListener() {
          @Override
          public void onMessage(ChatMessage message) {
            seen.add(message.content());
          }

          @Override
          public void registered() {
            seen.add("registered");
          }
        };
    chat.subscribe(room.id(), missed.seq() - 1, recording).close();
    assertThat(seen).containsExactly("registered", "missed");

    List<ChatMessage> refusedGot = new CopyOnWriteArrayList<>();
    MessageListener refusing =
        new MessageListener() {
          @Override
          public void onMessage(ChatMessage message) {
            refusedGot.add(message);
          }

          @Override
          public void registered() {
            throw new NotParticipantException(room.id(), "bob");
          }
        };
    assertThatThrownBy(() -> chat.subscribe(room.id(), -1, refusing))
        .isInstanceOf(NotParticipantException.class);
    chat.send(room.id(), "alice", "later").join();
    assertThat(refusedGot).isEmpty();
  }

  @Test
  void subscribeWithSinceSeqReplaysMissedMessagesThenLiveWithoutGapOrDuplicate() {
    Room room = chat.createRoom("general", "alice");
    List<ChatMessage> before = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      before.add(chat.send(room.id(), "alice", "m" + i).join());
    }
    List<ChatMessage> seen = new CopyOnWriteArrayList<>();
    Subscription subscription = chat.subscribe(room.id(), before.get(99).seq(), seen::add);
    ChatMessage live = chat.send(room.id(), "alice", "live").join();
    subscription.close();
    chat.send(room.id(), "alice", "after close").join();
    List<ChatMessage> expected = new ArrayList<>(before.subList(100, 1200));
    expected.add(live);
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  @Test
  void liveMessagesArrivingDuringTheReplayAreDeliveredOnceInOrder() {
    InMemoryMessageStore store = new InMemoryMessageStore();
    InMemoryMessageBus bus = new InMemoryMessageBus(store);
    try (ChatService service = ChatService.builder().messageBus(bus).build()) {
      Room room = service.createRoom("race", "alice");
      for (int i = 0; i < 600; i++) {
        service.send(room.id(), "alice", "old" + i).join();
      }
      List<ChatMessage> seen = new CopyOnWriteArrayList<>();
      List<CompletableFuture<ChatMessage>> racing = new ArrayList<>();
      // The listener sends while the replay is running, so live messages interleave with the
      // replay.
      MessageListener listener =
          m -> {
            seen.add(m);
            if (m.content().equals("old10")) {
              racing.add(
                  CompletableFuture.supplyAsync(
                      () -> service.send(room.id(), "alice", "during").join()));
            }
          };
      try (Subscription subscription = service.subscribe(room.id(), 0, listener)) {
        assertThat(subscription).isNotNull();
        ChatMessage during = racing.get(0).join();
        ChatMessage after = service.send(room.id(), "alice", "after").join();
        org.awaitility.Awaitility.await()
            .untilAsserted(() -> assertThat(seen).contains(during, after));
        assertThat(seen).extracting(ChatMessage::seq).isSorted().doesNotHaveDuplicates();
        assertThat(seen).hasSize(1 + 600 + 2);
      }
    }
  }

  @Test
  void aStoreOutageFailsTheSendWithChatUnavailableAndTheNextSendWorks() {
    InMemoryMessageStore memory = new InMemoryMessageStore();
    java.util.concurrent.atomic.AtomicBoolean down =
        new java.util.concurrent.atomic.AtomicBoolean();
    MessageStore flaky =
        new MessageStore() {
          @Override
          public java.util.List<ChatMessage> records(long roomId, long afterSeq, int limit) {
            return memory.records(roomId, afterSeq, limit);
          }

          @Override
          public java.util.Optional<ChatMessage> findById(long roomId, String messageId) {
            return memory.findById(roomId, messageId);
          }

          @Override
          public long eraseSender(String sender) {
            return memory.eraseSender(sender);
          }

          @Override
          public int storeAll(List<ChatMessage> messages) {
            if (down.get()) {
              throw new ChatUnavailableException("store is down");
            }
            return memory.storeAll(messages);
          }

          @Override
          public HistoryPage page(long roomId, HistoryQuery query) {
            return memory.page(roomId, query);
          }

          @Override
          public java.util.Optional<ChatMessage> findByClientMsgId(
              long roomId, String clientMsgId) {
            return memory.findByClientMsgId(roomId, clientMsgId);
          }
        };
    try (ChatService service =
        ChatService.builder().messageBus(new InMemoryMessageBus(flaky)).build()) {
      Room room = service.createRoom("general", "alice");
      down.set(true);
      assertThatThrownBy(() -> service.send(room.id(), "alice", "lost?", "k").join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(ChatUnavailableException.class);
      assertThatThrownBy(() -> service.join(room.id(), "bob"))
          .isInstanceOf(ChatUnavailableException.class);
      assertThat(service.room(room.id()).participants()).containsExactly("alice");
      down.set(false);
      ChatMessage sent = service.send(room.id(), "alice", "lost?", "k").join();
      assertThat(service.history(room.id(), HistoryQuery.latest(10)).messages())
          .endsWith(sent)
          .hasSize(2);
    }
  }

  @Test
  void checkRoomConfirmsARefusalOfTheCachedRoomWithAFreshRead() {
    // Another node's changes reach the shared repository before this node's room cache.
    InMemoryRoomRepository shared = new InMemoryRoomRepository();
    try (ChatService node = ChatService.builder().roomRepository(shared).build()) {
      Room room = node.createRoom("general", "alice");
      assertThat(node.cachedRoom(room.id()).participants()).containsExactly("alice");
      shared.addParticipant(room.id(), "bob"); // behind the cache's back

      List<Room> asked = new ArrayList<>();
      assertThat(
              node.checkRoom(
                  room.id(),
                  r -> {
                    asked.add(r);
                    return r.hasParticipant("bob");
                  }))
          .isTrue();
      assertThat(asked).hasSize(2);
      assertThat(asked.get(0).participants()).as("cached").containsExactly("alice");
      assertThat(asked.get(1).participants()).as("fresh").contains("bob");
      assertThat(node.send(room.id(), "bob", "just joined").join().sender()).isEqualTo("bob");

      asked.clear();
      assertThat(node.checkRoom(room.id(), r -> asked.add(r) && r.hasParticipant("alice")))
          .isTrue();
      assertThat(asked).as("an accepted check asks only the cached room").hasSize(1);
      assertThat(node.checkRoom(room.id(), r -> r.hasParticipant("carol"))).isFalse();
      assertThatThrownBy(() -> node.checkRoom(404_404L, r -> true))
          .isInstanceOf(RoomNotFoundException.class);
    }
  }

  @Test
  void roomEventsCarryTheSummaryAndTheUserConcernedNeverTheMemberList() {
    List<RoomEvent> events = new CopyOnWriteArrayList<>();
    chat.subscribeRooms(events::add);
    Room room = chat.createRoom("events", "alice", RoomVisibility.PRIVATE);
    chat.join(room.id(), "bob", "alice");
    chat.leave(room.id(), "bob", "alice");
    assertThat(events)
        .extracting(RoomEvent::kind, RoomEvent::user, e -> e.room().participantCount())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(RoomEvent.Kind.CREATED, "alice", 1),
            org.assertj.core.groups.Tuple.tuple(RoomEvent.Kind.JOINED, "bob", 2),
            org.assertj.core.groups.Tuple.tuple(RoomEvent.Kind.LEFT, "bob", 1));
    assertThat(events)
        .allSatisfy(e -> assertThat(e.room().visibility()).isEqualTo(RoomVisibility.PRIVATE));
    assertThat(ChatJson.toJson(events.get(1)))
        .doesNotContain("participants\"")
        .contains("participantCount");
    assertThat(chat.history(room.id(), HistoryQuery.latest(10)).messages())
        .extracting(ChatMessage::content)
        .containsExactly(
            "alice joined the room", "bob was added by alice", "bob was removed by alice");
  }

  @Test
  void aDirectRoomIsOnePerPairWithExactlyTheTwoUsers() {
    DirectRoom first = chat.directRoom("alice", "bob");
    DirectRoom second = chat.directRoom("bob", "alice");
    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    assertThat(second.room().id()).isEqualTo(first.room().id());
    assertThat(first.room().visibility()).isEqualTo(RoomVisibility.DIRECT);
    assertThat(first.room().participants()).containsExactly("alice", "bob");
    assertThat(first.room().name()).isEqualTo("alice & bob");
    assertThat(chat.history(first.room().id(), HistoryQuery.latest(10)).messages())
        .extracting(ChatMessage::type, ChatMessage::sender)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(MessageType.JOIN, "alice"),
            org.assertj.core.groups.Tuple.tuple(MessageType.JOIN, "bob"));
    assertThat(chat.roomsVisibleTo("carol"))
        .extracting(RoomSummary::id)
        .doesNotContain(first.room().id());
    assertThat(chat.roomsVisibleTo("bob")).extracting(RoomSummary::id).contains(first.room().id());
    assertThatThrownBy(() -> chat.directRoom("alice", "alice"))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((ChatException) e).code())
        .isEqualTo("invalid-direct-room");
    assertThatThrownBy(() -> chat.directRoom("alice", "bad user!"))
        .isInstanceOf(InvalidUsernameException.class);
  }

  @Test
  void createRoomRefusesDirectVisibilityAndChangesNothing() {
    int before = chat.rooms().size();
    assertThatThrownBy(() -> chat.createRoom("dm", "alice", RoomVisibility.DIRECT))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((ChatException) e).code())
        .isEqualTo("invalid-visibility");
    assertThat(chat.rooms()).hasSize(before);
  }

  @Test
  void participantsArePagedAndTheLimitIsChecked() {
    Room room = chat.createRoom("paged", "a0");
    for (int i = 1; i <= 5; i++) {
      chat.join(room.id(), "a" + i);
    }
    assertThat(chat.participants(room.id(), "", 3)).containsExactly("a0", "a1", "a2");
    assertThat(chat.participants(room.id(), "a2", 3)).containsExactly("a3", "a4", "a5");
    assertThatThrownBy(() -> chat.participants(room.id(), "", 0))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> chat.participants(room.id(), "", ChatService.MAX_PARTICIPANT_PAGE + 1))
        .isInstanceOf(InvalidInputException.class);
    assertThat(chat.summary(room.id()).participantCount()).isEqualTo(6);
  }
}
