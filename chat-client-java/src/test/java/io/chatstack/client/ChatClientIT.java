package io.chatstack.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.HistoryPage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageType;
import io.chatstack.core.RoomSummary;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rooms, send, receive and history against a real ChatServer. */
class ChatClientIT {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void sendReceiveAndHistory() throws Exception {
    Recorder aliceEvents = new Recorder();
    Recorder bobListener = new Recorder();
    try (ChatClient alice = server.client("alice").connectionListener(aliceEvents).build();
        ChatClient bob = server.client("bob").build()) {
      alice.connect();
      bob.connect();
      assertThat(alice.userName()).isEqualTo("alice");
      RoomSummary room = alice.createRoom("lobby");
      assertThat(room.name()).isEqualTo("lobby");
      assertThat(room.participantCount()).isEqualTo(1);
      assertThat(bob.rooms()).extracting(RoomSummary::id).contains(room.id());
      bob.join(room.id());
      ChatSubscription subscription = bob.subscribe(room.id(), bobListener);

      ChatMessage sent = alice.send(room.id(), "hello bob", "c-1").get();
      assertThat(sent.seq()).isPositive();
      assertThat(sent.sender()).isEqualTo("alice");
      assertThat(sent.clientMsgId()).isEqualTo("c-1");
      await().atMost(Duration.ofSeconds(30)).until(() -> bobListener.messages.size() == 1);
      ChatMessage received = bobListener.messages.get(0);
      assertThat(received.id()).isEqualTo(sent.id());
      assertThat(received.seq()).isEqualTo(sent.seq());
      assertThat(received.timestamp()).isEqualTo(sent.timestamp());
      assertThat(bobListener.threads.get(0).getName()).startsWith("chatstack-client-listener-");
      assertThat(subscription.lastSeq()).isEqualTo(sent.seq());

      // same clientMsgId again: the original comes back, nothing new is stored or shown
      ChatMessage again = alice.send(room.id(), "hello bob", "c-1").get();
      assertThat(again.id()).isEqualTo(sent.id());
      for (int i = 0; i < 5; i++) {
        alice.send(room.id(), "m" + i).get();
      }
      await().until(() -> bobListener.messages.size() == 6);
      assertThat(bobListener.contents()).containsExactly("hello bob", "m0", "m1", "m2", "m3", "m4");

      HistoryPage latest = bob.history(room.id(), HistoryQuery.latest(3));
      assertThat(latest.messages())
          .extracting(ChatMessage::content)
          .containsExactly("m2", "m3", "m4");
      assertThat(latest.hasMore()).isTrue();
      HistoryPage older = bob.history(room.id(), latest.next(HistoryQuery.latest(3)).orElseThrow());
      assertThat(older.messages())
          .extracting(ChatMessage::content)
          .containsExactly("hello bob", "m0", "m1");
      HistoryPage first = bob.history(room.id(), HistoryQuery.after(-1, 2));
      assertThat(first.messages())
          .extracting(ChatMessage::type)
          .first()
          .isEqualTo(MessageType.JOIN);

      subscription.close();
      assertThat(subscription.isActive()).isFalse();
      alice.send(room.id(), "after unsubscribe").get();
      bob.leave(room.id());
      assertThat(
              bob.rooms().stream()
                  .filter(r -> r.id() == room.id())
                  .findFirst()
                  .orElseThrow()
                  .participantCount())
          .isEqualTo(1);
    }
    assertThat(bobListener.contents()).doesNotContain("after unsubscribe");
    await().until(() -> aliceEvents.events.contains("closed"));
    assertThat(aliceEvents.events).containsExactly("connected", "closed");
  }

  @Test
  void subscribeWithSinceSeqReplaysTheRoom() throws Exception {
    try (ChatClient carol = server.client("carol").build().connect()) {
      RoomSummary room = carol.createRoom("replay");
      for (int i = 0; i < 3; i++) {
        carol.send(room.id(), "r" + i).get();
      }
      Recorder recorder = new Recorder();
      carol.subscribe(room.id(), -1, recorder);
      await().until(() -> recorder.messages.size() == 4);
      assertThat(recorder.contents()).containsExactly("carol joined the room", "r0", "r1", "r2");
    }
  }

  @Test
  void refusalsAreClearAndKeepTheConnection() throws Exception {
    try (ChatClient alice = server.client("alice").build().connect();
        ChatClient eve = server.client("eve").build().connect()) {
      RoomSummary room = alice.createRoom("private");
      CompletableFuture<ChatMessage> refused = eve.send(room.id(), "let me in");
      assertThatThrownBy(refused::get)
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(ChatClientException.class)
          .hasMessageContaining("join the room first")
          .extracting(e -> ((ChatClientException) e).code())
          .isEqualTo("not-participant");
      assertThatThrownBy(() -> eve.subscribe(room.id(), -1, new RoomListener() {}))
          .isInstanceOf(ChatClientException.class)
          .extracting(e -> ((ChatClientException) e).code())
          .isEqualTo("not-participant");
      assertThatThrownBy(() -> eve.history(room.id(), HistoryQuery.latest(10)))
          .isInstanceOf(ChatClientException.class)
          .hasMessageContaining("not a participant");
      assertThatThrownBy(() -> eve.join(999_999))
          .isInstanceOf(ChatClientException.class)
          .extracting(e -> ((ChatClientException) e).code())
          .isEqualTo("room-not-found");
      assertThat(eve.isConnected()).isTrue();
      eve.join(room.id());
      assertThat(eve.send(room.id(), "now I'm in").get().seq()).isPositive();
    }
  }

  @Test
  void connectFailuresAreClear() {
    ChatClient nobody = ChatClient.builder().url("ws://localhost:1/ws").login("x").build();
    assertThatThrownBy(nobody::connect)
        .isInstanceOf(ChatClientException.class)
        .hasMessageContaining("ws://localhost:1/ws")
        .extracting(e -> ((ChatClientException) e).code())
        .isEqualTo("connect-failed");
    assertThat(nobody.isClosed()).isTrue();
    ChatClient badName = server.client("not a valid name!").build();
    assertThatThrownBy(badName::connect)
        .isInstanceOf(ChatClientException.class)
        .hasMessageContaining("User name")
        .extracting(e -> ((ChatClientException) e).code())
        .isEqualTo("server-error");
    assertThatThrownBy(() -> ChatClient.builder().login("x").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("url");
  }
}
