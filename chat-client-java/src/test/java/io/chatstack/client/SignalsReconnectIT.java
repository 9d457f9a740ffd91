package io.chatstack.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.PresenceEvent;
import io.chatstack.core.ReadReceipt;
import io.chatstack.core.ReadState;
import io.chatstack.core.RoomSummary;
import io.chatstack.core.TypingEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A server restart: every signal subscription is made again on the new connection, presence
 * starting with a new snapshot, and typing, receipts and read state flow as before.
 */
class SignalsReconnectIT {
  static final Duration WAIT = Duration.ofSeconds(60);

  private static long connects(Recorder recorder) {
    return recorder.events.stream().filter("connected"::equals).count();
  }

  @Test
  void signalSubscriptionsAreMadeAgainAfterAReconnect() throws Exception {
    try (TestServer server = TestServer.withFastSignals()) {
      Recorder aliceEvents = new Recorder();
      Recorder bobEvents = new Recorder();
      SignalRecorder<PresenceEvent> presence = new SignalRecorder<>();
      SignalRecorder<TypingEvent> typing = new SignalRecorder<>();
      SignalRecorder<ReadState> states = new SignalRecorder<>();
      SignalRecorder<ReadReceipt> receipts = new SignalRecorder<>();
      try (ChatClient alice = server.client("alice").connectionListener(aliceEvents).build();
          ChatClient bob = server.client("bob").connectionListener(bobEvents).build()) {
        alice.connect();
        bob.connect();
        RoomSummary room = alice.createRoom("restart");
        bob.join(room.id());
        long seq = alice.send(room.id(), "hello").get().seq();
        ChatSubscription p = alice.subscribePresence(room.id(), presence);
        ChatSubscription t = alice.subscribeTyping(room.id(), typing);
        ChatSubscription s = alice.subscribeReadState(states);
        ChatSubscription r = bob.subscribeReceipts(room.id(), receipts);
        await().atMost(WAIT).until(() -> !presence.events.isEmpty());
        assertThat(presence.events.get(0).online()).containsExactly("alice", "bob");

        server.stop();
        await()
            .atMost(WAIT)
            .until(
                () ->
                    aliceEvents.events.contains("disconnected")
                        && bobEvents.events.contains("disconnected"));
        server.restart();
        await().atMost(WAIT).until(() -> connects(aliceEvents) == 2 && connects(bobEvents) == 2);

        // presence starts again with a snapshot
        await()
            .atMost(WAIT)
            .until(
                () ->
                    presence.events.stream()
                            .filter(e -> e.type() == PresenceEvent.Type.SNAPSHOT)
                            .count()
                        == 2);
        await()
            .atMost(WAIT)
            .until(() -> server.service.presence().snapshot(room.id()).count() == 2);
        // typing, receipts and read state flow on the new connections
        bob.typing(room.id(), true);
        await()
            .atMost(WAIT)
            .until(() -> typing.events.contains(new TypingEvent(room.id(), "bob", true)));
        ReadState read = alice.markRead(room.id(), seq).get(60, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> states.events.contains(read));
        await()
            .atMost(WAIT)
            .until(() -> receipts.events.contains(new ReadReceipt(room.id(), "alice", seq)));
        assertThat(List.of(p, t, s, r)).allMatch(ChatSubscription::isActive);
        for (SignalRecorder<?> recorder : List.of(presence, typing, states, receipts)) {
          assertThat(recorder.ends).isEmpty();
        }
      }
    }
  }
}
