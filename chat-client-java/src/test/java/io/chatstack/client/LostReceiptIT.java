package io.chatstack.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.RoomSummary;
import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryMessageStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The message is stored but its RECEIPT is lost with the server: after the reconnect the client
 * re-sends it with the same clientMsgId, the server answers with the original, and neither the
 * store nor the listener has it twice.
 */
class LostReceiptIT {

  @Test
  void resendAfterLostReceiptCompletesWithTheOriginalAndDuplicatesNothing() throws Exception {
    InMemoryMessageStore store = new InMemoryMessageStore();
    HeldAcksBus bus = new HeldAcksBus(new InMemoryMessageBus(store));
    ChatService service = ChatService.builder().messageBus(bus).build();
    try (TestServer server = new TestServer(service)) {
      Recorder recorder = new Recorder();
      try (ChatClient client = server.client("alice").connectionListener(recorder).build()) {
        client.connect();
        RoomSummary room = client.createRoom("lost-receipt");
        client.subscribe(room.id(), recorder);
        bus.holdAckOf("stored, receipt lost");

        CompletableFuture<ChatMessage> send = client.send(room.id(), "stored, receipt lost", "k-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.messages.size() == 1);
        ChatMessage stored = recorder.messages.get(0);
        assertThat(send).isNotDone();

        server.stop();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> recorder.events.contains("disconnected"));
        bus.release(); // the old server's acknowledgement goes nowhere
        server.restart();

        ChatMessage acknowledged = send.get(60, TimeUnit.SECONDS);
        assertThat(acknowledged.id()).isEqualTo(stored.id());
        assertThat(acknowledged.seq()).isEqualTo(stored.seq());
        client.send(room.id(), "next").get(60, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.contents().contains("next"));
        assertThat(recorder.contents()).containsExactly("stored, receipt lost", "next");
        List<ChatMessage> history = service.history(room.id(), HistoryQuery.latest(100)).messages();
        assertThat(history)
            .filteredOn(m -> m.clientMsgId().equals("k-1"))
            .extracting(ChatMessage::id)
            .containsExactly(stored.id());
      }
    }
  }
}
