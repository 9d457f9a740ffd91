package io.chatstack.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.testkit.net.StalledStompSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * One subscriber stops reading: the server closes it (bounded outbound queue) instead of buffering
 * without limit, and the other subscribers keep receiving every message. Their delivery latency is
 * reported, not asserted (timing on a shared 2-core machine says little).
 */
class SlowConsumerIT {
  @Test
  void aClientThatStopsReadingIsClosedAndTheOthersGetEverything() throws Exception {
    // more than the kernel's socket buffers can hold (tcp_wmem max 4 MiB here) plus the queue
    int messages = Profile.pick(1_600, 10_000);
    try (TwoNodeChat chat =
        new TwoNodeChat(
            "slow-consumer",
            2,
            1,
            cluster -> cluster.nodeSetting("node.outboundQueueFrames", "64"))) {
      long room = chat.rooms.get(0);
      try (StalledStompSocket slow =
          StalledStompSocket.subscribe(chat.a.uri(), "user0", "/topic/chat/" + room)) {
        chat.phase("slow subscriber stalled");
        chat.startTraffic(0, 3_900, 3);
        chat.awaitAcks(messages);
        chat.traffic.stop();
        StalledStompSocket.Ending ending = slow.drain(Duration.ofSeconds(30));
        chat.phase("slow subscriber drained: " + ending);
        assertThat(ending.closedByServer())
            .as("the server closed the stalled client: %s", ending)
            .isTrue();
        assertThat(ending.messages())
            .as("the stalled client got fewer messages than were sent")
            .isLessThan(chat.ledger.acks());
        chat.finish(
            "slow consumer (stops reading; outbound queue 64 frames, 3,900-char messages)",
            "stalled client closed by the server after "
                + ending.messages()
                + " of "
                + chat.ledger.acks()
                + " messages"
                + (ending.hasErrorFrame() ? " with ERROR " + ending.detail().strip() : "")
                + "; the latency column is the 4 other subscribers'");
      }
    }
  }
}
