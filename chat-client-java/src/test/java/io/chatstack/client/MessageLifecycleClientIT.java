package io.chatstack.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageType;
import io.chatstack.core.Reaction;
import io.chatstack.core.RoomSummary;
import io.chatstack.core.SendOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Edit, delete, react and reply through the Java client, against a real server. */
class MessageLifecycleClientIT {
  static final Duration WAIT = Duration.ofSeconds(20);
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Records every callback, messages and change records alike, in the order they came. */
  static final class Changes implements RoomListener {
    final List<ChatMessage> all = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(ChatSubscription s, ChatMessage m) {
      all.add(m);
      calls.add("message:" + m.type() + ":" + m.content());
    }

    @Override
    public void onEdit(ChatSubscription s, ChatMessage m) {
      all.add(m);
      calls.add("edit:" + m.content());
    }

    @Override
    public void onDelete(ChatSubscription s, ChatMessage m) {
      all.add(m);
      calls.add("delete:" + m.targetId());
    }

    @Override
    public void onReaction(ChatSubscription s, ChatMessage m) {
      all.add(m);
      calls.add("reaction:" + m.content() + ":" + m.reactionAdded());
    }
  }

  @Test
  void editDeleteReactAndReplyReachAnotherClientInRoomOrder() {
    Changes bobSees = new Changes();
    try (ChatClient alice = server.client("alice-lc").build().connect();
        ChatClient bob = server.client("bob-lc").build().connect()) {
      RoomSummary room = alice.createRoom("lifecycle");
      bob.join(room.id());
      bob.subscribe(room.id(), bobSees);

      ChatMessage first = alice.send(room.id(), "helo").join();
      ChatMessage second = alice.send(room.id(), "oops").join();
      ChatMessage edit = alice.edit(room.id(), first.id(), "hello").join();
      assertThat(edit.type()).isEqualTo(MessageType.EDIT);
      assertThat(edit.targetId()).isEqualTo(first.id());
      assertThat(edit.seq()).isGreaterThan(second.seq());
      ChatMessage delete = alice.delete(room.id(), second.id()).join();
      assertThat(delete.type()).isEqualTo(MessageType.DELETE);
      ChatMessage like = bob.react(room.id(), first.id(), "👍", true).join();
      assertThat(like.reactionAdded()).isTrue();
      ChatMessage reply =
          bob.send(
                  room.id(),
                  "hi!",
                  SendOptions.NONE.withReplyTo(first.id()).withMetadata(Map.of("mood", "happy")))
              .join();
      assertThat(reply.replyTo()).isEqualTo(first.id());
      ChatMessage reply2 = bob.reply(room.id(), first.id(), "again").join();
      assertThat(reply2.replyTo()).isEqualTo(first.id());

      await().atMost(WAIT).until(() -> bobSees.calls.contains("message:CHAT:again"));
      assertThat(bobSees.calls)
          .containsSubsequence(
              "message:CHAT:helo",
              "message:CHAT:oops",
              "edit:hello",
              "delete:" + second.id(),
              "reaction:👍:true",
              "message:CHAT:hi!",
              "message:CHAT:again");
      assertThat(bobSees.all).extracting(ChatMessage::seq).isSorted().doesNotHaveDuplicates();
      ChatMessage liveReply =
          bobSees.all.stream().filter(m -> m.content().equals("hi!")).findFirst().orElseThrow();
      assertThat(liveReply.metadata()).isEqualTo(Map.of("mood", "happy"));

      List<ChatMessage> history = alice.history(room.id(), HistoryQuery.latest(50)).messages();
      ChatMessage firstNow =
          history.stream().filter(m -> m.id().equals(first.id())).findFirst().orElseThrow();
      assertThat(firstNow.content()).isEqualTo("hello");
      assertThat(firstNow.editedAt()).isPresent();
      assertThat(firstNow.reactions()).isEqualTo(Map.of("👍", new Reaction(1, List.of("bob-lc"))));
      ChatMessage secondNow =
          history.stream().filter(m -> m.id().equals(second.id())).findFirst().orElseThrow();
      assertThat(secondNow.deleted()).isTrue();
      assertThat(history).noneMatch(ChatMessage::isChange);
    }
  }

  @Test
  void editingSomeoneElsesMessageFailsWithTheServersCodeAndChangesNothing() {
    try (ChatClient alice = server.client("alice-no").build().connect();
        ChatClient bob = server.client("bob-no").build().connect()) {
      RoomSummary room = alice.createRoom("refusal");
      bob.join(room.id());
      ChatMessage mine = alice.send(room.id(), "mine").join();

      assertThatThrownBy(() -> bob.edit(room.id(), mine.id(), "yours").join())
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOfSatisfying(
              ChatClientException.class, e -> assertThat(e.code()).isEqualTo("not-message-sender"));
      assertThatThrownBy(() -> bob.react(room.id(), mine.id(), "a", true).join())
          .cause()
          .isInstanceOfSatisfying(
              ChatClientException.class, e -> assertThat(e.code()).isEqualTo("invalid-emoji"));
      assertThat(alice.history(room.id(), HistoryQuery.latest(10)).messages())
          .filteredOn(m -> m.id().equals(mine.id()))
          .singleElement()
          .satisfies(m -> assertThat(m.content()).isEqualTo("mine"));
    }
  }

  @Test
  void changesMadeWhileDisconnectedArriveInOrderAfterTheReconnect() {
    try (TestServer own = new TestServer()) {
      Changes seen = new Changes();
      Recorder connection = new Recorder();
      try (ChatClient alice = own.client("alice-rc").connectionListener(connection).build()) {
        alice.connect();
        RoomSummary room = alice.createRoom("reconnect");
        own.service.join(room.id(), "bob-rc");
        alice.subscribe(room.id(), seen);
        ChatMessage m = alice.send(room.id(), "draft").join();

        own.stop();
        await().atMost(WAIT).until(() -> connection.events.contains("disconnected"));
        own.service.messages().react(room.id(), "bob-rc", m.id(), "🎉", true).join();
        own.restart();

        await().atMost(WAIT).until(() -> seen.calls.contains("reaction:🎉:true"));
        ChatMessage edit = alice.edit(room.id(), m.id(), "final").join();
        await().atMost(WAIT).until(() -> seen.calls.contains("edit:final"));
        assertThat(seen.calls)
            .containsSubsequence("message:CHAT:draft", "reaction:🎉:true", "edit:final");
        assertThat(seen.all).extracting(ChatMessage::seq).isSorted().doesNotHaveDuplicates();
        assertThat(edit.targetId()).isEqualTo(m.id());
      }
    }
  }
}
