package io.chatstack.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.MessageType;
import io.chatstack.core.RoomSummary;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link ChatClient.Builder#urls}: two servers over one service (two nodes of a cluster); the
 * client moves to the other one when its server goes away and loses or repeats nothing.
 */
class FailoverIT {
  static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void aLostServerFailsOverToTheNextUrl() throws Exception {
    ChatService service = ChatService.builder().build();
    try (TestServer first = new TestServer(service);
        TestServer second = new TestServer(service)) {
      Recorder alice = new Recorder();
      try (ChatClient client =
          first
              .client("alice")
              .urls(List.of(first.uri(), second.uri()))
              .connectionListener(alice)
              .build()
              .connect()) {
        RoomSummary room = client.createRoom("failover");
        client.subscribe(room.id(), alice);
        List<CompletableFuture<ChatMessage>> sends = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          sends.add(client.send(room.id(), "before-" + i));
        }
        first.stop(); // stays down: only the second server can take the client
        for (int i = 0; i < 10; i++) {
          service.send(room.id(), "alice", "missed-" + i).join();
          sends.add(client.send(room.id(), "outage-" + i));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        await()
            .atMost(WAIT)
            .until(
                () ->
                    alice.messages.stream().filter(m -> m.type() == MessageType.CHAT).count()
                        >= 30);

        assertThat(client.isConnected()).isTrue();
        assertThat(alice.messages).extracting(ChatMessage::seq).isSorted().doesNotHaveDuplicates();
        assertThat(alice.messages.stream().filter(m -> m.type() == MessageType.CHAT)).hasSize(30);
        for (CompletableFuture<ChatMessage> send : sends) {
          assertThat(alice.messages).extracting(ChatMessage::id).contains(send.join().id());
        }
        assertThat(alice.events).contains("disconnected", "reconnecting");
        assertThat(alice.events.get(alice.events.size() - 1)).isEqualTo("connected");
      }
    }
  }

  @Test
  void connectSkipsAnUnreachableServer() {
    try (TestServer server = new TestServer()) {
      URI nobody = URI.create("ws://localhost:1/ws"); // nothing listens on port 1
      try (ChatClient client =
          server.client("bob").urls(List.of(nobody, server.uri())).build().connect()) {
        assertThat(client.isConnected()).isTrue();
        assertThat(client.createRoom("reached").name()).isEqualTo("reached");
      }
    }
  }

  @Test
  void urlsAreValidated() {
    assertThatThrownBy(() -> ChatClient.builder().urls(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChatClient.builder().urls(List.of(URI.create("http://x/ws"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ws://");
  }
}
