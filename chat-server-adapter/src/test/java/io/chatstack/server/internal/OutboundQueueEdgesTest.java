package io.chatstack.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.server.StompTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The outbound queue's edges: batch size, closing while writes hang, failed writes, and paced
 * offers woken by the end of the connection. Timers on a {@link ManualScheduler}.
 */
class OutboundQueueEdgesTest {
  private final ManualScheduler scheduler = new ManualScheduler();
  private final ScriptedTransport transport = new ScriptedTransport();

  private OutboundQueue queue(int capacity) {
    return new OutboundQueue(transport, capacity, "OVERFLOW\0", scheduler, 1_000);
  }

  @Test
  void framesAreCoalescedUpToTheBatchSizeExactly() {
    OutboundQueue queue = queue(10);
    int half = OutboundQueue.MAX_BATCH_CHARS / 2;
    assertThat(queue.offer("A\0")).isTrue(); // in flight
    queue.offer("x".repeat(half));
    queue.offer("y".repeat(half)); // exactly the batch size together
    queue.offer("z");

    transport.complete(null);
    transport.complete(null);

    assertThat(transport.sent).containsExactly("A\0", "x".repeat(half) + "y".repeat(half), "z");
  }

  @Test
  void framesBeyondTheBatchSizeGoSeparately() {
    OutboundQueue queue = queue(10);
    queue.offer("A\0");
    queue.offer("x".repeat(OutboundQueue.MAX_BATCH_CHARS - 10));
    queue.offer("y".repeat(20));

    transport.complete(null);

    assertThat(transport.sent).hasSize(2);
    assertThat(transport.sent.get(1)).hasSize(OutboundQueue.MAX_BATCH_CHARS - 10);
  }

  @Test
  void aCloseThatCannotWriteIsForcedAfterTheTimeout() {
    OutboundQueue queue = queue(10);
    queue.offer("A\0"); // never completes
    queue.offer("B\0");
    queue.closeAfter("ERROR\0", true, "why");
    assertThat(queue.offer("late\0")).isFalse();
    assertThat(queue.offerPaced("late\0", 10)).isFalse();
    assertThat(transport.closed).isFalse();

    scheduler.advance(Duration.ofMillis(1_000));

    assertThat(transport.closed).isTrue();
    assertThat(transport.violation).isTrue();
    assertThat(transport.reason).isEqualTo("why");
    assertThat(queue.size()).isZero();
  }

  @Test
  void aCloseThatCompletesIsNotForcedAgain() {
    OutboundQueue queue = queue(10);
    queue.closeAfter(null, false, "bye");
    assertThat(transport.closes).isEqualTo(1);

    scheduler.advance(Duration.ofMillis(1_000));

    assertThat(transport.closes).isEqualTo(1);
    assertThat(transport.violation).isFalse();
  }

  @Test
  void aFailedWriteDropsTheRestAndClosesTheTransport() {
    OutboundQueue queue = queue(10);
    queue.offer("A\0");
    queue.offer("B\0");

    transport.complete(new IllegalStateException("gone"));

    assertThat(transport.closed).isTrue();
    assertThat(transport.violation).isFalse();
    assertThat(transport.reason).isEqualTo("write-failed");
    assertThat(queue.size()).isZero();
    assertThat(transport.sent).containsExactly("A\0");
  }

  @Test
  void terminateDropsEverythingAndWakesAPacedOffer() throws Exception {
    OutboundQueue queue = queue(1);
    CompletableFuture<Boolean> paced = pacedOfferWaitingForRoom(queue);

    queue.terminate();

    assertThat(paced.get(5, TimeUnit.SECONDS)).isFalse();
    assertThat(queue.size()).isZero();
  }

  @Test
  void closingWakesAPacedOffer() throws Exception {
    OutboundQueue queue = queue(1);
    CompletableFuture<Boolean> paced = pacedOfferWaitingForRoom(queue);

    queue.closeAfter(null, false, "bye");

    assertThat(paced.get(5, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void anInterruptedPacedOfferGivesUpAndKeepsTheInterrupt() {
    OutboundQueue queue = queue(1);
    queue.offer("A\0");
    queue.offer("B\0");

    Thread.currentThread().interrupt();
    boolean accepted = queue.offerPaced("C\0", 60_000);

    assertThat(Thread.interrupted()).isTrue();
    assertThat(accepted).isTrue(); // taken as an overflow: the connection closes
    assertThat(queue.offer("late\0")).isFalse();
  }

  @Test
  void aPacedOfferWithRoomIsQueued() {
    OutboundQueue queue = queue(2);
    queue.offer("A\0");

    assertThat(queue.offerPaced("B\0", 10)).isTrue();
    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  void aStalledPacedOfferOverflows() {
    OutboundQueue queue = queue(1);
    queue.offer("A\0");
    queue.offer("B\0");

    assertThat(queue.offerPaced("C\0", 1)).isTrue();
    assertThat(queue.offer("late\0")).isFalse();
  }

  @Test
  void aPacedOfferWaitingForRoomGoesOnWhenAWriteDrainsTheQueue() throws Exception {
    OutboundQueue queue = queue(1);
    CompletableFuture<Boolean> paced = pacedOfferWaitingForRoom(queue);

    transport.complete(null); // B goes out: room for C

    assertThat(paced.get(5, TimeUnit.SECONDS)).isTrue();
    transport.complete(null);
    assertThat(transport.sent).containsExactly("A\0", "B\0", "C\0");
    assertThat(transport.closed).isFalse();
  }

  @Test
  void anIdleQueueWritesAFrameAtOnceAndIsIdleAgainOnceItIsWritten() {
    OutboundQueue queue = queue(1);
    assertThat(queue.offer("A\0")).isTrue();
    assertThat(transport.sent).containsExactly("A\0");
    assertThat(queue.size()).isZero();

    transport.complete(null);
    // Idle again: with a capacity of one, two more frames fit only if the first goes at once.
    assertThat(queue.offer("B\0")).isTrue();
    assertThat(queue.offer("C\0")).isTrue();
    assertThat(transport.sent).containsExactly("A\0", "B\0");
    assertThat(queue.size()).isEqualTo(1);
    assertThat(transport.closed).isFalse();
  }

  @Test
  void aCloseRequestedWhileAWriteIsInFlightClosesWhenItCompletes() {
    OutboundQueue queue = queue(10);
    queue.offer("A\0");
    queue.closeAfter(null, false, "bye");
    assertThat(transport.closed).isFalse();

    transport.complete(null);

    assertThat(transport.closed).isTrue();
    assertThat(transport.reason).isEqualTo("bye");
    assertThat(transport.sent).containsExactly("A\0");
  }

  /**
   * Fills a one-frame queue ("A" in flight, "B" waiting) and offers "C" paced on another thread,
   * which waits for room.
   */
  private static CompletableFuture<Boolean> pacedOfferWaitingForRoom(OutboundQueue queue) {
    queue.offer("A\0"); // in flight
    queue.offer("B\0"); // full
    CompletableFuture<Boolean> paced =
        CompletableFuture.supplyAsync(() -> queue.offerPaced("C\0", 60_000));
    await()
        .during(Duration.ofMillis(100))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !paced.isDone());
    return paced;
  }

  /** Holds writes until the test completes them, with success or a failure. */
  static final class ScriptedTransport implements StompTransport {
    final List<String> sent = new ArrayList<>();
    final List<Consumer<Throwable>> pending = new ArrayList<>();
    boolean closed;
    boolean violation;
    String reason;
    int closes;

    @Override
    public synchronized void send(String text, Consumer<Throwable> done) {
      sent.add(text);
      pending.add(done);
    }

    void complete(Throwable failure) {
      Consumer<Throwable> done;
      synchronized (this) {
        done = pending.remove(0);
      }
      done.accept(failure);
    }

    @Override
    public synchronized void close(boolean isViolation, String why) {
      closed = true;
      violation = isViolation;
      reason = why;
      closes++;
    }
  }
}
