package io.chatstack.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageType;
import io.chatstack.core.RoomSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A server restart mid-conversation: the listener sees every message exactly once and in order, and
 * sends made during the outage complete after the reconnect without duplicates.
 */
class ReconnectIT {
  static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void serverRestartLosesNothingAndDuplicatesNothing() throws Exception {
    try (TestServer server = new TestServer()) {
      Recorder alice = new Recorder();
      try (ChatClient client = server.client("alice").connectionListener(alice).build()) {
        client.connect();
        RoomSummary room = client.createRoom("restart");
        server.service.join(room.id(), "bob");
        ChatSubscription subscription = client.subscribe(room.id(), alice);
        List<CompletableFuture<ChatMessage>> sends = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          sends.add(client.send(room.id(), "before-" + i));
        }
        // fired right before the stop: some are likely unacknowledged when the server goes
        sends.add(client.send(room.id(), "racing-stop"));
        server.stop();
        await().atMost(WAIT).until(() -> alice.events.contains("disconnected"));
        assertThat(client.isConnected()).isFalse();

        for (int i = 0; i < 10; i++) {
          server.service.send(room.id(), "bob", "missed-" + i).join(); // another node's messages
          sends.add(client.send(room.id(), "outage-" + i));
        }
        server.restart();
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
            .get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> alice.messages.size() >= 41);
        client.send(room.id(), "after").get();
        await().atMost(WAIT).until(() -> alice.contents().contains("after"));

        List<ChatMessage> seen = alice.messages;
        assertThat(seen).extracting(ChatMessage::seq).isSorted().doesNotHaveDuplicates();
        assertThat(seen).extracting(ChatMessage::id).doesNotHaveDuplicates();
        List<String> expected = new ArrayList<>();
        IntStream.range(0, 20).forEach(i -> expected.add("before-" + i));
        expected.add("racing-stop");
        IntStream.range(0, 10).forEach(i -> expected.add("missed-" + i));
        IntStream.range(0, 10).forEach(i -> expected.add("outage-" + i));
        expected.add("after");
        assertThat(
                seen.stream().filter(m -> m.type() == MessageType.CHAT).map(ChatMessage::content))
            .containsExactlyInAnyOrderElementsOf(expected);
        // each send's future names the message the listener saw
        for (CompletableFuture<ChatMessage> send : sends) {
          ChatMessage stored = send.join();
          assertThat(seen).extracting(ChatMessage::id).contains(stored.id());
        }
        // the store holds each client message once
        List<ChatMessage> history =
            server.service.history(room.id(), HistoryQuery.latest(1000)).messages();
        assertThat(history).extracting(ChatMessage::clientMsgId).doesNotHaveDuplicates();
        assertThat(history).hasSize(seen.size() + 2); // + JOINs of alice and bob before subscribing
        assertThat(subscription.lastSeq()).isEqualTo(seen.get(seen.size() - 1).seq());
        assertThat(alice.events).contains("connected", "disconnected", "reconnecting");
        assertThat(alice.events.get(alice.events.size() - 1)).isEqualTo("connected");
      }
    }
  }

  @Test
  void exhaustedPolicyFailsTheClientAndPendingSends() throws Exception {
    try (TestServer server = new TestServer()) {
      Recorder events = new Recorder();
      ChatClient client =
          server
              .client("dave")
              .reconnect(
                  ReconnectPolicy.exponential(Duration.ofMillis(10), Duration.ofMillis(20))
                      .withMaxAttempts(2))
              .connectionListener(events)
              .build()
              .connect();
      RoomSummary room = client.createRoom("doomed");
      Recorder listener = new Recorder();
      client.subscribe(room.id(), listener);
      server.stop();
      await().atMost(WAIT).until(() -> events.failure != null);
      CompletableFuture<ChatMessage> late = client.send(room.id(), "too late");
      assertThat(events.failure.code()).isEqualTo("reconnect-failed");
      assertThat(events.failure.getMessage()).contains("gave up after 2 reconnect attempts");
      assertThat(client.isClosed()).isTrue();
      assertThat(late).isCompletedExceptionally();
      await().atMost(WAIT).until(() -> listener.events.contains("error:reconnect-failed"));
      client.close(); // idempotent after failure
    }
  }
}
