package io.chatstack.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.HistoryPage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.RoomSummary;
import io.chatstack.core.RoomVisibility;
import io.chatstack.stomp.StompDestinations;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client talks to a server whose destinations have other prefixes ({@code /pub}, {@code /sub},
 * {@code /me}) when it is given the same {@link StompDestinations}.
 */
class CustomDestinationsIT {
  static final StompDestinations CUSTOM = new StompDestinations("/pub", "/sub", "/me");
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer(CUSTOM);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void roomsSendReceiveAndHistoryWithOtherPrefixes() throws Exception {
    Recorder bobListener = new Recorder();
    try (ChatClient alice = server.client("alice").destinations(CUSTOM).build().connect();
        ChatClient bob = server.client("bob").destinations(CUSTOM).build().connect()) {
      RoomSummary room = alice.createRoom("custom");
      assertThat(bob.rooms()).extracting(RoomSummary::id).contains(room.id());
      bob.join(room.id());
      ChatSubscription subscription = bob.subscribe(room.id(), bobListener);

      ChatMessage sent = alice.send(room.id(), "hello over /pub", "p-1").get();
      assertThat(sent.seq()).isPositive();
      assertThat(sent.sender()).isEqualTo("alice");
      await().atMost(Duration.ofSeconds(30)).until(() -> bobListener.messages.size() == 1);
      assertThat(bobListener.messages.get(0).id()).isEqualTo(sent.id());
      assertThat(subscription.lastSeq()).isEqualTo(sent.seq());

      HistoryPage history = bob.history(room.id(), HistoryQuery.latest(1));
      assertThat(history.messages())
          .extracting(ChatMessage::content)
          .containsExactly(sent.content());

      // room commands and the error queue (/me/queue/errors) use the custom prefixes too
      RoomSummary other = alice.createRoom("other");
      assertThatThrownBy(() -> bob.send(other.id(), "let me in").get())
          .isInstanceOf(ExecutionException.class)
          .cause()
          .extracting(e -> ((ChatClientException) e).code())
          .isEqualTo("not-participant");
      RoomSummary secret = alice.createRoom("secret", RoomVisibility.PRIVATE);
      alice.invite(secret.id(), "bob");
      assertThat(bob.send(secret.id(), "invited").get().seq()).isPositive();
      assertThat(alice.directRoom("bob").id()).isEqualTo(bob.directRoom("alice").id());
      bob.leave(room.id());
      assertThat(bob.isConnected()).isTrue();
    }
  }

  @Test
  void aClientWithTheDefaultDestinationsIsRefused() {
    Recorder events = new Recorder();
    ChatClient stranger =
        server
            .client("stranger")
            .reconnect(ReconnectPolicy.NONE)
            .connectionListener(events)
            .build();
    ChatClientException failure;
    try {
      stranger.connect(); // the server's ERROR may come during the handshake or right after it
      await().atMost(Duration.ofSeconds(30)).until(() -> events.failure != null);
      failure = events.failure;
    } catch (ChatClientException e) {
      failure = e;
    }
    assertThat(stranger.isClosed()).isTrue();
    assertThat(failure.code()).isEqualTo("server-error");
    assertThat(failure.getMessage())
        .contains("'/user/queue/errors' does not exist")
        .contains("unknown-destination");
  }
}
