package io.chatstack.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.internal.TestClock;
import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryMessageStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ChatService#messages()}: edit, delete and react by the rules, on the in-memory bus. */
class ChatServiceMessagesTest {
  private static final Duration WINDOW = Duration.ofMinutes(15);

  private final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final InMemoryMessageStore store = new InMemoryMessageStore();
  private final ChatService chat =
      ChatService.builder()
          .messageBus(new InMemoryMessageBus(store))
          .clock(clock)
          .editWindow(WINDOW)
          .build();
  private final List<ChatMessage> live = new CopyOnWriteArrayList<>();
  private Room room;
  private ChatMessage hello;

  @BeforeEach
  void room() {
    room = chat.createRoom("general", "alice");
    chat.join(room.id(), "bob");
    chat.subscribe(room.id(), live::add);
    hello = chat.send(room.id(), "alice", "hello").join();
  }

  @AfterEach
  void close() {
    chat.close();
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> refused(
      Runnable call, String code) {
    return assertThatThrownBy(call::run)
        .isInstanceOf(ChatException.class)
        .satisfies(e -> assertThat(((ChatException) e).code()).isEqualTo(code));
  }

  private List<ChatMessage> everything() {
    return chat.since(room.id(), -1, HistoryQuery.MAX_LIMIT);
  }

  private ChatMessage current(ChatMessage m) {
    return chat.history(room.id(), HistoryQuery.latest(100)).messages().stream()
        .filter(h -> h.id().equals(m.id()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void anEditIsARecordOfItsOwnThatChangesTheMessage() {
    clock.advance(Duration.ofMinutes(1));
    ChatMessage edit = chat.messages().edit(room.id(), "alice", hello.id(), "hello!", null).join();
    assertThat(edit.type()).isEqualTo(MessageType.EDIT);
    assertThat(edit.isChange()).isTrue();
    assertThat(edit.targetId()).isEqualTo(hello.id());
    assertThat(edit.sender()).isEqualTo("alice");
    assertThat(edit.content()).isEqualTo("hello!");
    assertThat(edit.id()).isNotEqualTo(hello.id());
    assertThat(edit.clientMsgId()).isEqualTo(edit.id());
    assertThat(edit.seq()).isGreaterThan(hello.seq());
    assertThat(edit.timestamp()).isEqualTo(Instant.parse("2026-03-01T10:01:00Z"));
    assertThat(live).endsWith(hello, edit);

    ChatMessage now = current(hello);
    assertThat(now.content()).isEqualTo("hello!");
    assertThat(now.editedAt()).contains(edit.timestamp());
    assertThat(now.lastChangeSeq()).isEqualTo(edit.seq());
    assertThat(chat.history(room.id(), HistoryQuery.latest(100)).messages())
        .noneMatch(ChatMessage::isChange);
    assertThat(everything()).endsWith(now, edit);
  }

  @Test
  void onlyTheSenderEditsAndOnlyWithinTheEditWindow() {
    refused(
            () -> chat.messages().edit(room.id(), "bob", hello.id(), "mine now", null),
            MessageChangeRefusedException.NOT_MESSAGE_SENDER)
        .isInstanceOf(MessageChangeRefusedException.class)
        .hasMessageContaining("Only alice");
    clock.advance(WINDOW);
    assertThat(chat.messages().edit(room.id(), "alice", hello.id(), "just in time", null).join())
        .extracting(ChatMessage::content)
        .isEqualTo("just in time");
    clock.advance(Duration.ofMillis(1));
    refused(
            () -> chat.messages().edit(room.id(), "alice", hello.id(), "too late", null),
            MessageChangeRefusedException.EDIT_WINDOW_EXPIRED)
        .hasMessageContaining("can be edited for PT15M only");
    assertThat(current(hello).content()).isEqualTo("just in time");
    assertThat(chat.messages().delete(room.id(), "alice", hello.id()).join().type())
        .as("deleting is not limited by the window")
        .isEqualTo(MessageType.DELETE);
  }

  @Test
  void theDefaultEditWindowIsADay() {
    try (ChatService defaults = ChatService.builder().clock(clock).build()) {
      Room r = defaults.createRoom("r", "alice");
      ChatMessage m = defaults.send(r.id(), "alice", "hi").join();
      clock.advance(Duration.ofHours(24));
      defaults.messages().edit(r.id(), "alice", m.id(), "still", null).join();
      clock.advance(Duration.ofMillis(1));
      refused(
          () -> defaults.messages().edit(r.id(), "alice", m.id(), "no", null),
          MessageChangeRefusedException.EDIT_WINDOW_EXPIRED);
    }
    assertThatThrownBy(() -> ChatService.builder().editWindow(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyChatMessagesAreChanged() {
    ChatMessage join = everything().get(0);
    assertThat(join.type()).isEqualTo(MessageType.JOIN);
    refused(
            () -> chat.messages().edit(room.id(), "alice", join.id(), "x", null),
            MessageChangeRefusedException.NOT_EDITABLE)
        .hasMessageContaining("is a JOIN message");
    refused(
        () -> chat.messages().delete(room.id(), "alice", join.id()),
        MessageChangeRefusedException.NOT_EDITABLE);
    refused(
        () -> chat.messages().react(room.id(), "bob", join.id(), "👍", true),
        MessageChangeRefusedException.NOT_EDITABLE);
    ChatMessage edit = chat.messages().edit(room.id(), "alice", hello.id(), "x", null).join();
    refused(
            () -> chat.messages().edit(room.id(), "alice", edit.id(), "y", null),
            "message-not-found")
        .isInstanceOf(MessageNotFoundException.class)
        .as("a change record is no message")
        .hasMessageContaining("has no message with id '" + edit.id() + "'");
  }

  @Test
  void aDeletedMessageIsATombstoneThatIsNotChangedAgain() {
    chat.messages().react(room.id(), "bob", hello.id(), "👍", true).join();
    refused(
        () -> chat.messages().delete(room.id(), "bob", hello.id()),
        MessageChangeRefusedException.NOT_MESSAGE_SENDER);
    ChatMessage delete = chat.messages().delete(room.id(), "alice", hello.id()).join();
    assertThat(delete.type()).isEqualTo(MessageType.DELETE);
    assertThat(delete.content()).isEmpty();
    assertThat(delete.targetId()).isEqualTo(hello.id());
    ChatMessage tombstone = current(hello);
    assertThat(tombstone.deleted()).isTrue();
    assertThat(tombstone.content()).isEmpty();
    assertThat(tombstone.reactions()).isEmpty();
    assertThat(tombstone.seq()).isEqualTo(hello.seq());
    assertThat(tombstone.lastChangeSeq()).isEqualTo(delete.seq());
    int records = everything().size();
    refused(
            () -> chat.messages().delete(room.id(), "alice", hello.id()),
            MessageChangeRefusedException.MESSAGE_DELETED)
        .hasMessageContaining("was deleted; cannot delete it");
    refused(
        () -> chat.messages().edit(room.id(), "alice", hello.id(), "back", null),
        MessageChangeRefusedException.MESSAGE_DELETED);
    refused(
        () -> chat.messages().react(room.id(), "bob", hello.id(), "👍", false),
        MessageChangeRefusedException.MESSAGE_DELETED);
    assertThat(everything()).as("refusals publish nothing").hasSize(records);
  }

  @Test
  void reactionsAreRecordsCarryingTheEmojiAndWhetherItWasAdded() {
    ChatMessage add = chat.messages().react(room.id(), "bob", hello.id(), "👍", true).join();
    assertThat(add.type()).isEqualTo(MessageType.REACTION);
    assertThat(add.content()).isEqualTo("👍");
    assertThat(add.metadata()).isEqualTo(Map.of(ChatMessage.REACTION_ADD, true));
    assertThat(add.reactionAdded()).isTrue();
    assertThat(add.sender()).isEqualTo("bob");
    chat.messages().react(room.id(), "bob", hello.id(), "👍", true).join();
    chat.messages().react(room.id(), "alice", hello.id(), "👍", true).join();
    chat.messages().react(room.id(), "alice", hello.id(), "🎉", true).join();
    ChatMessage remove = chat.messages().react(room.id(), "alice", hello.id(), "🎉", false).join();
    assertThat(remove.reactionAdded()).isFalse();
    assertThat(remove.metadata()).isEqualTo(Map.of(ChatMessage.REACTION_ADD, false));
    chat.messages().react(room.id(), "alice", hello.id(), "🎉", false).join();
    assertThat(current(hello).reactions())
        .isEqualTo(Map.of("👍", new Reaction(2, List.of("bob", "alice"))));
    refused(
        () -> chat.messages().react(room.id(), "bob", hello.id(), ":+1:", true), "invalid-emoji");
  }

  @Test
  void changesAreForParticipantsOrWhomTheRoomCheckAccepts() {
    refused(
        () -> chat.messages().react(room.id(), "carol", hello.id(), "👍", true), "not-participant");
    refused(
        () -> chat.messages().edit(room.id(), "carol", hello.id(), "x", null), "not-participant");
    refused(() -> chat.messages().delete(room.id(), "carol", hello.id()), "not-participant");
    ChatMessage byCarol =
        chat.messages().react(room.id(), "carol", hello.id(), "👀", true, r -> true).join();
    assertThat(byCarol.sender()).isEqualTo("carol");
    chat.leave(room.id(), "alice");
    refused(
        () -> chat.messages().delete(room.id(), "alice", hello.id(), r -> false),
        "not-participant");
    assertThat(
            chat.messages()
                .delete(room.id(), "alice", hello.id(), r -> r.name().equals("general"))
                .join()
                .type())
        .isEqualTo(MessageType.DELETE);
    assertThatThrownBy(() -> chat.messages().delete(999_999, "alice", hello.id()))
        .isInstanceOf(RoomNotFoundException.class);
  }

  @Test
  void unknownAndMalformedIdsAreRefusedBeforeAnythingIsPublished() {
    int records = everything().size();
    refused(
            () -> chat.messages().edit(room.id(), "alice", "no-such-id", "x", null),
            "message-not-found")
        .hasMessage(
            "Room " + room.id() + " has no message with id 'no-such-id'; check the message id");
    refused(() -> chat.messages().delete(room.id(), "alice", " "), "invalid-message-id");
    refused(
        () -> chat.messages().react(room.id(), "bob", "x".repeat(65), "👍", true),
        "invalid-message-id");
    refused(
        () -> chat.messages().edit(room.id(), "alice", hello.id(), " ", null), "invalid-content");
    refused(
        () -> chat.messages().edit(room.id(), "alice", hello.id(), "x", "bad\u0000key"),
        "invalid-client-msg-id");
    refused(
        () -> chat.messages().edit(room.id(), "not a name!", hello.id(), "x", null, r -> true),
        "invalid-username");
    Room other = chat.createRoom("other", "alice");
    refused(() -> chat.messages().delete(other.id(), "alice", hello.id()), "message-not-found");
    assertThat(everything()).hasSize(records);
  }

  @Test
  void anEditWithAClientMsgIdIsIdempotentLikeASend() {
    ChatMessage first = chat.messages().edit(room.id(), "alice", hello.id(), "v2", "e-1").join();
    assertThat(first.clientMsgId()).isEqualTo("e-1");
    ChatMessage again = chat.messages().edit(room.id(), "alice", hello.id(), "v2", "e-1").join();
    assertThat(again).isEqualTo(first);
    assertThat(everything()).filteredOn(ChatMessage::isChange).containsExactly(first);
    ChatMessage other = chat.send(room.id(), "alice", "other", "used-by-a-message").join();
    assertThatThrownBy(
            () ->
                chat.messages()
                    .edit(room.id(), "alice", hello.id(), "v3", "used-by-a-message")
                    .join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("clientMsgId 'used-by-a-message' was already used");
    assertThatThrownBy(
            () -> chat.messages().edit(room.id(), "alice", other.id(), "v3", "e-1").join())
        .as("the key of an edit of another message")
        .cause()
        .isInstanceOf(InvalidInputException.class);
    assertThat(current(hello).content()).isEqualTo("v2");
  }

  @Test
  void aReplyNamesAMessageOfTheRoomAndMetadataTravelsWithTheMessage() {
    Map<String, Object> meta = Map.of("attachment", Map.of("url", "https://x.example/a.png"));
    ChatMessage reply =
        chat.send(
                room.id(),
                "bob",
                "answer",
                null,
                SendOptions.NONE.withReplyTo(hello.id()).withMetadata(meta))
            .join();
    assertThat(reply.replyTo()).isEqualTo(hello.id());
    assertThat(reply.metadata()).isEqualTo(meta);
    assertThat(reply.type()).isEqualTo(MessageType.CHAT);
    assertThat(current(reply)).isEqualTo(reply);
    assertThat(live).contains(reply);
    ChatMessage plain = chat.send(room.id(), "bob", "plain", null, SendOptions.NONE).join();
    assertThat(plain.replyTo()).isEmpty();
    assertThat(plain.metadata()).isEmpty();

    int records = everything().size();
    refused(
            () ->
                chat.send(room.id(), "bob", "?", null, SendOptions.NONE.withReplyTo("no-such-id")),
            "invalid-reply-to")
        .isInstanceOf(InvalidInputException.class);
    Room other = chat.createRoom("other", "bob");
    refused(
        () -> chat.send(other.id(), "bob", "?", null, SendOptions.NONE.withReplyTo(hello.id())),
        "invalid-reply-to");
    ChatMessage edit = chat.messages().edit(room.id(), "alice", hello.id(), "hi", null).join();
    refused(
        () -> chat.send(room.id(), "bob", "?", null, SendOptions.NONE.withReplyTo(edit.id())),
        "invalid-reply-to");
    refused(
        () ->
            chat.send(
                room.id(),
                "bob",
                "?",
                null,
                SendOptions.NONE.withMetadata(Map.of("big", "x".repeat(5000)))),
        "invalid-metadata");
    refused(() -> chat.send(room.id(), "carol", "?", null, SendOptions.NONE), "not-participant");
    assertThat(everything()).hasSize(records + 1); // the edit
  }

  @Test
  void aReplyMayAnswerAJoinOrADeletedMessage() {
    ChatMessage join = everything().get(0);
    assertThat(
            chat.send(room.id(), "bob", "welcome", null, SendOptions.NONE.withReplyTo(join.id()))
                .join()
                .replyTo())
        .isEqualTo(join.id());
    chat.messages().delete(room.id(), "alice", hello.id()).join();
    assertThat(
            chat.send(
                    room.id(),
                    "bob",
                    "what was it?",
                    null,
                    SendOptions.NONE.withReplyTo(hello.id()),
                    r -> true)
                .join()
                .replyTo())
        .isEqualTo(hello.id());
  }

  @Test
  void aClientThatAppliesTheRecordsEndsWhereHistoryIs() {
    ChatMessage second = chat.send(room.id(), "bob", "second", null).join();
    chat.messages().edit(room.id(), "alice", hello.id(), "hello, edited", null).join();
    chat.messages().react(room.id(), "alice", second.id(), "👍", true).join();
    chat.messages().react(room.id(), "bob", second.id(), "👍", true).join();
    chat.messages().react(room.id(), "alice", second.id(), "👍", false).join();
    chat.messages().edit(room.id(), "bob", second.id(), "second, edited", null).join();
    chat.messages().delete(room.id(), "bob", second.id()).join();
    List<ChatMessage> history = chat.history(room.id(), HistoryQuery.latest(100)).messages();
    assertThat(RoomView.of(live).messages())
        .as("stayed subscribed")
        .isEqualTo(history.subList(2, history.size()));
    assertThat(RoomView.of(everything()).messages()).as("replayed").isEqualTo(history);
    List<ChatMessage> fromMiddle = new CopyOnWriteArrayList<>();
    RoomView resumed = RoomView.of(chat.history(room.id(), HistoryQuery.latest(100)).messages());
    long mark = live.get(3).seq();
    chat.subscribe(room.id(), mark, fromMiddle::add);
    fromMiddle.forEach(resumed::apply);
    assertThat(resumed.messages()).as("history, then a replay after a mark").isEqualTo(history);
  }

  @Test
  void erasureMakesTombstonesOfEveryChatMessageOfTheUserEverywhere() {
    Room other = chat.createRoom("other", "alice");
    ChatMessage elsewhere = chat.send(other.id(), "alice", "secret elsewhere").join();
    ChatMessage bobs = chat.send(room.id(), "bob", "bob stays").join();
    ChatMessage edit =
        chat.messages().edit(room.id(), "alice", hello.id(), "secret edit", null).join();
    assertThat(chat.eraseUser("alice")).isEqualTo(2);
    assertThat(current(hello).deleted()).isTrue();
    assertThat(current(hello).content()).isEmpty();
    assertThat(current(bobs)).isEqualTo(bobs);
    assertThat(
            chat.history(other.id(), HistoryQuery.latest(10)).messages().stream()
                .filter(m -> m.id().equals(elsewhere.id())))
        .singleElement()
        .satisfies(m -> assertThat(m.deleted()).isTrue());
    assertThat(everything())
        .filteredOn(m -> m.id().equals(edit.id()))
        .singleElement()
        .satisfies(m -> assertThat(m.content()).isEmpty());
    assertThat(everything()).noneMatch(m -> m.content().contains("secret"));
    assertThat(chat.since(other.id(), -1, 100)).noneMatch(m -> m.content().contains("secret"));
    assertThat(chat.eraseUser("alice")).as("idempotent").isZero();
    refused(() -> chat.eraseUser("not a name!"), "invalid-username");
  }

  @Test
  void changeRecordsDoNotCountAsUnreadMessages() {
    chat.readStates().markRead(room.id(), "bob", hello.seq());
    assertThat(chat.readStates().state(room.id(), "bob").unreadCount()).isZero();
    chat.messages().edit(room.id(), "alice", hello.id(), "edited", null).join();
    chat.messages().react(room.id(), "alice", hello.id(), "👍", true).join();
    assertThat(chat.readStates().state(room.id(), "bob").unreadCount()).isZero();
    chat.send(room.id(), "alice", "new").join();
    assertThat(chat.readStates().state(room.id(), "bob").unreadCount()).isEqualTo(1);
  }

  @Test
  void changeRecordsDoNotRaiseTheLiveUnreadCount() {
    List<ReadState> states = new CopyOnWriteArrayList<>();
    chat.readStates().subscribe("bob", states::add);
    chat.messages().edit(room.id(), "alice", hello.id(), "edited", null).join();
    chat.messages().react(room.id(), "alice", hello.id(), "👍", true).join();
    ChatMessage fresh = chat.send(room.id(), "alice", "new").join();
    chat.readStates().markRead(room.id(), "bob", fresh.seq());
    await().until(() -> states.stream().anyMatch(s -> s.lastReadSeq() == fresh.seq()));
    assertThat(states).extracting(ReadState::unreadCount).contains(2L).allMatch(n -> n <= 2);
  }

  @Test
  void changeRecordsDoNotStopTypingButAMessageDoes() {
    List<TypingEvent> events = new CopyOnWriteArrayList<>();
    chat.typing().subscribe(room.id(), events::add);
    chat.typing().typing(room.id(), "alice", true);
    await().until(() -> events.size() == 1);
    chat.messages().edit(room.id(), "alice", hello.id(), "edited", null).join();
    chat.messages().react(room.id(), "alice", hello.id(), "👍", true).join();
    chat.typing().typing(room.id(), "bob", true);
    await().until(() -> events.size() == 2);
    chat.send(room.id(), "alice", "sent").join();
    await().until(() -> events.size() == 3);
    assertThat(events)
        .containsExactly(
            new TypingEvent(room.id(), "alice", true),
            new TypingEvent(room.id(), "bob", true),
            new TypingEvent(room.id(), "alice", false));
  }

  /** A clock that stands still until the test moves it. */
}
