package io.chatstack.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.RoomSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** 1,000 sends fired without waiting complete in send order, and are delivered in that order. */
class InFlightSendsIT {
  static final int SENDS = 1000;

  @Test
  void thousandSendsInFlightCompleteInOrder() throws Exception {
    try (TestServer server = new TestServer();
        ChatClient client = server.client("flood").build().connect()) {
      RoomSummary room = client.createRoom("flood");
      Recorder recorder = new Recorder();
      client.subscribe(room.id(), recorder);
      List<CompletableFuture<ChatMessage>> futures = new ArrayList<>(SENDS);
      for (int i = 0; i < SENDS; i++) {
        futures.add(client.send(room.id(), "n" + i));
      }
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      List<Long> seqs = futures.stream().map(f -> f.join().seq()).toList();
      assertThat(seqs).isSorted().doesNotHaveDuplicates().hasSize(SENDS);
      for (int i = 0; i < SENDS; i++) {
        assertThat(futures.get(i).join().content()).isEqualTo("n" + i);
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> recorder.messages.size() == SENDS);
      assertThat(recorder.messages).extracting(ChatMessage::seq).containsExactlyElementsOf(seqs);
    }
  }
}
