package io.chatstack.server.internal;

import static io.chatstack.server.TestFrame.connect;
import static io.chatstack.server.TestFrame.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatService;
import io.chatstack.core.Room;
import io.chatstack.server.StompLimits;
import io.chatstack.server.TestFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A since-seq replay many times larger than the outbound queue, to a client that takes one write at
 * a time: the replay waits for the client instead of dropping it as a slow consumer.
 */
class ReplayPacingTest {
  static final int MISSED = 500;

  @Test
  void replayIsPacedByTheClientNotDropped() throws Exception {
    StompLimits limits = StompLimits.DEFAULTS.withOutboundQueueFrames(16);
    try (EngineFixture fixture =
        new EngineFixture(ChatService.builder().build(), limits, Duration.ZERO)) {
      Room room = fixture.service.createRoom("backlog", "alice");
      fixture.service.join(room.id(), "late");
      for (int i = 0; i < MISSED; i++) {
        fixture.service.send(room.id(), "alice", "missed " + i).join();
      }
      OutboundQueueTest.HeldTransport client = new OutboundQueueTest.HeldTransport();
      StompSession session = new StompSession(fixture.runtime, client, HandshakeInfo.NONE);
      session.onText(connect("late")); // CONNECTED stays in flight until the client reads it

      CompletableFuture<Void> subscribe = subscribeFromTheStart(session, room);
      List<TestFrame> frames = readOneAtATime(client, subscribe);
      assertThat(frames).extracting(TestFrame::command).doesNotContain("ERROR");
      assertThat(client.closedAsViolation).isNull();
      List<TestFrame> messages =
          frames.stream().filter(f -> f.command().equals("MESSAGE")).toList();
      // the creator's and late's JOINs, then the missed chat messages, in order
      assertThat(messages).hasSize(MISSED + 2);
      assertThat(messages.stream().map(f -> Long.parseLong(f.header("seq"))).toList())
          .isSorted()
          .doesNotHaveDuplicates();
      assertThat(messages.get(messages.size() - 1).body()).contains("missed " + (MISSED - 1));
      assertThat(frames.get(frames.size() - 1).header("receipt-id")).isEqualTo("r");
    }
  }

  /**
   * The replay exactly fills the outbound queue while the client reads nothing: the RECEIPT that
   * follows must wait for room too instead of overflowing the queue (a slow-consumer ERROR).
   */
  @Test
  void receiptAfterAReplayThatFillsTheQueueWaitsForTheClient() throws Exception {
    int capacity = 16;
    StompLimits limits = StompLimits.DEFAULTS.withOutboundQueueFrames(capacity);
    try (EngineFixture fixture =
        new EngineFixture(ChatService.builder().build(), limits, Duration.ZERO)) {
      Room room = fixture.service.createRoom("full", "alice");
      fixture.service.join(room.id(), "late");
      int chats = capacity - 2; // with the two JOINs the replay is exactly one full queue
      for (int i = 0; i < chats; i++) {
        fixture.service.send(room.id(), "alice", "missed " + i).join();
      }
      OutboundQueueTest.HeldTransport client = new OutboundQueueTest.HeldTransport();
      StompSession session = new StompSession(fixture.runtime, client, HandshakeInfo.NONE);
      session.onText(connect("late")); // CONNECTED stays in flight: nothing drains the queue

      CompletableFuture<Void> subscribe = subscribeFromTheStart(session, room);
      // The replay fills the queue; the receipt then waits for the client instead of failing it.
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .alias("the replay fills the queue and the overflowing receipt drops nothing")
          .until(() -> session.queuedFrames() == capacity);
      assertThat(session.queuedFrames()).as("frames queued, none dropped").isEqualTo(capacity);
      assertThat(subscribe).as("the receipt waits for room").isNotDone();

      List<TestFrame> frames = readOneAtATime(client, subscribe);
      assertThat(frames).extracting(TestFrame::command).doesNotContain("ERROR");
      assertThat(frames.stream().filter(f -> f.command().equals("MESSAGE"))).hasSize(chats + 2);
      assertThat(frames.get(frames.size() - 1).header("receipt-id")).isEqualTo("r");
    }
  }

  /** SUBSCRIBE with since-seq 0 and receipt "r", on another thread (it blocks while paced). */
  private static CompletableFuture<Void> subscribeFromTheStart(StompSession session, Room room) {
    return CompletableFuture.runAsync(
        () ->
            session.onText(
                frame(
                    "SUBSCRIBE",
                    "",
                    "id",
                    "s",
                    "destination",
                    "/topic/chat/" + room.id(),
                    "since-seq",
                    "0",
                    "receipt",
                    "r")));
  }

  /**
   * Plays a client that reads one WebSocket message at a time until the SUBSCRIBE is done and
   * nothing is in flight (at most 60 s); returns every frame written to it.
   */
  private static List<TestFrame> readOneAtATime(
      OutboundQueueTest.HeldTransport client, CompletableFuture<Void> subscribe) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!(subscribe.isDone() && !hasPending(client)) && System.nanoTime() < deadline) {
      if (hasPending(client)) {
        client.completeNext(); // the client reads one WebSocket message
      } else {
        Thread.onSpinWait();
      }
    }
    subscribe.join();
    List<TestFrame> frames = new ArrayList<>();
    client.sent.forEach(text -> frames.addAll(TestFrame.parse(text)));
    return frames;
  }

  private static boolean hasPending(OutboundQueueTest.HeldTransport transport) {
    synchronized (transport) {
      return !transport.pending.isEmpty();
    }
  }
}
