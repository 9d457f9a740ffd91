package io.chatstack.server.internal;

import static io.chatstack.server.TestFrame.connect;
import static io.chatstack.server.TestFrame.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatService;
import io.chatstack.core.Room;
import io.chatstack.server.StompLimits;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading is disconnected with an ERROR; the others keep receiving everything.
 */
class SlowConsumerTest {

  @Test
  void slowClientIsClosedWithErrorAndOthersAreUnaffected() {
    StompLimits limits = StompLimits.DEFAULTS.withOutboundQueueFrames(16);
    try (EngineFixture fixture =
        new EngineFixture(ChatService.builder().build(), limits, Duration.ZERO)) {
      Room room = fixture.service.createRoom("busy", "alice");
      fixture.service.join(room.id(), "slow");
      OutboundQueueTest.HeldTransport stuck = new OutboundQueueTest.HeldTransport();
      StompSession slow = new StompSession(fixture.runtime, stuck, HandshakeInfo.NONE);
      slow.onText(connect("slow"));
      slow.onText(frame("SUBSCRIBE", "", "id", "s", "destination", "/topic/chat/" + room.id()));
      EngineFixture.Connection healthy = fixture.open();
      healthy.session().onText(connect("alice"));
      healthy
          .session()
          .onText(frame("SUBSCRIBE", "", "id", "h", "destination", "/topic/chat/" + room.id()));

      for (int i = 0; i < 100; i++) {
        fixture.service.send(room.id(), "alice", "message " + i).join();
      }

      assertThat(healthy.transport().frames().stream().filter(f -> f.command().equals("MESSAGE")))
          .hasSize(100);
      assertThat(healthy.transport().closed).isFalse();
      stuck.completeNext(); // the client reads what was in flight; next comes the ERROR
      stuck.completeNext();
      await().atMost(Duration.ofSeconds(30)).until(() -> stuck.closedAsViolation != null);
      assertThat(stuck.sent.get(stuck.sent.size() - 1))
          .startsWith("ERROR\n")
          .contains("code:slow-consumer");
      assertThat(stuck.closedAsViolation).isTrue();
    }
  }
}
