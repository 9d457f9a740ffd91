package io.chatstack.server;

import static io.chatstack.server.TestFrame.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.Room;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * End to end over a real socket: a client subscribing with since-seq after 5,000 missed messages
 * (far more than its outbound queue holds) gets all of them in order, then live ones. Loopback is
 * usually fast enough not to fill the queue; {@code internal.ReplayPacingTest} holds the writes to
 * prove the pacing itself.
 */
class ReplayIT {
  static final int MISSED = 5000;

  @Test
  void replayOfManyMissedMessagesArrivesCompleteAndInOrder() throws Exception {
    try (ServerFixture fixture =
        new ServerFixture(StompLimits.DEFAULTS.withOutboundQueueFrames(16))) {
      Room room = fixture.service.createRoom("backlog", "alice");
      long before = fixture.service.send(room.id(), "alice", "seen").join().seq();
      for (int i = 0; i < MISSED; i++) {
        fixture.service.send(room.id(), "alice", "missed-" + i).join();
      }
      try (RawStompClient alice = RawStompClient.connected(fixture.uri(), "alice")) {
        alice.send(
            frame(
                "SUBSCRIBE",
                "",
                "id",
                "s",
                "destination",
                "/topic/chat/" + room.id(),
                "since-seq",
                Long.toString(before),
                "receipt",
                "r"));
        alice.awaitReceipt("r");
        fixture.service.send(room.id(), "alice", "live").join();
        alice.await(f -> f.body().contains("\"live\""));
        List<TestFrame> messages = alice.messages();
        assertThat(messages).hasSize(MISSED + 1);
        List<String> expected =
            IntStream.range(0, MISSED).mapToObj(i -> "\"missed-" + i + "\"").toList();
        for (int i = 0; i < MISSED; i++) {
          assertThat(messages.get(i).body()).contains(expected.get(i));
        }
        List<Long> seqs = messages.stream().map(f -> Long.parseLong(f.header("seq"))).toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        assertThat(alice.closeReason).isNull();
      }
    }
  }
}
