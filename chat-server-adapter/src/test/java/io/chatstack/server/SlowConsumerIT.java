package io.chatstack.server;

import static io.chatstack.server.TestFrame.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.Room;
import io.chatstack.testkit.net.StalledStompSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Over real sockets: a client that stops reading is disconnected with an ERROR once its bounded
 * queue is full, while a healthy client in the same room receives every message.
 */
class SlowConsumerIT {
  static final int MESSAGES = 3000;

  @Test
  void clientThatStopsReadingIsDisconnectedAndOthersGetEverything() throws Exception {
    try (ServerFixture fixture =
        new ServerFixture(StompLimits.DEFAULTS.withOutboundQueueFrames(32))) {
      Room room = fixture.service.createRoom("flood", "alice");
      fixture.service.join(room.id(), "slow");
      try (StalledStompSocket slow =
              StalledStompSocket.subscribe(fixture.uri(), "slow", "/topic/chat/" + room.id());
          RawStompClient healthy = RawStompClient.connected(fixture.uri(), "alice")) {
        healthy.send(
            frame(
                "SUBSCRIBE",
                "",
                "id",
                "h",
                "destination",
                "/topic/chat/" + room.id(),
                "receipt",
                "h"));
        healthy.awaitReceipt("h");
        String content = "x".repeat(3000);
        for (int i = 0; i < MESSAGES; i++) {
          fixture.service.send(room.id(), "alice", content + i).join();
        }

        StalledStompSocket.Ending ending = slow.drain(Duration.ofSeconds(30));
        assertThat(ending.closedByServer()).as("closed by the server: %s", ending).isTrue();
        assertThat(ending.errorFrame()).contains("code:slow-consumer");
        assertThat(ending.messages()).isLessThan(MESSAGES);
        healthy.await(f -> f.body().contains(content + (MESSAGES - 1)));
        assertThat(healthy.messages()).hasSize(MESSAGES);
        assertThat(healthy.closeReason).isNull();
      }
    }
  }
}
