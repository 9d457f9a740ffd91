package io.chatstack.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.server.StompTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final HeldTransport transport = new HeldTransport();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  @Test
  void framesQueuedDuringAWriteAreCoalescedIntoOneMessage() {
    OutboundQueue queue = new OutboundQueue(transport, 10, "ERROR\n\n\0", scheduler, 60_000);
    queue.offer("A\0");
    queue.offer("B\0");
    queue.offer("C\0");
    assertThat(transport.sent).containsExactly("A\0");

    transport.completeNext();

    assertThat(transport.sent).containsExactly("A\0", "B\0C\0");
  }

  @Test
  void fullQueueDropsPendingFramesSendsErrorAndCloses() {
    OutboundQueue queue = new OutboundQueue(transport, 3, "OVERFLOW\0", scheduler, 60_000);
    for (int i = 0; i < 10; i++) {
      queue.offer("F" + i + "\0");
    }
    assertThat(queue.size()).isEqualTo(1);
    assertThat(queue.offer("late\0")).isFalse();

    transport.completeNext();
    transport.completeNext();

    assertThat(transport.sent).containsExactly("F0\0", "OVERFLOW\0");
    assertThat(transport.closedAsViolation).isTrue();
  }

  @Test
  void heartbeatOnlyWhenIdle() {
    OutboundQueue queue = new OutboundQueue(transport, 10, "E\0", scheduler, 60_000);
    queue.offer("A\0");
    queue.offerHeartbeat();
    transport.completeNext();
    queue.offerHeartbeat();

    assertThat(transport.sent).containsExactly("A\0", "\n");
  }

  @Test
  void pacedOfferWaitsForRoomInsteadOfClosing() throws Exception {
    OutboundQueue queue = new OutboundQueue(transport, 2, "OVERFLOW\0", scheduler, 60_000);
    queue.offer("A\0"); // in flight
    queue.offer("B\0");
    queue.offer("C\0"); // queue full
    java.util.concurrent.CompletableFuture<Boolean> paced =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> queue.offerPaced("D\0", 60_000));
    org.awaitility.Awaitility.await()
        .during(java.time.Duration.ofMillis(200))
        .atMost(java.time.Duration.ofSeconds(5))
        .until(() -> !paced.isDone());

    transport.completeNext(); // B and C go out together: room for D

    assertThat(paced.get(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    transport.completeNext();
    assertThat(transport.sent).containsExactly("A\0", "B\0C\0", "D\0");
    assertThat(transport.closedAsViolation).isNull();
  }

  @Test
  void pacedOfferThatStallsClosesAsSlowConsumer() {
    OutboundQueue queue = new OutboundQueue(transport, 2, "OVERFLOW\0", scheduler, 60_000);
    queue.offer("A\0");
    queue.offer("B\0");
    queue.offer("C\0");

    queue.offerPaced("D\0", 50); // nobody reads: gives up and overflows

    assertThat(queue.offer("late\0")).isFalse();
    transport.completeNext();
    transport.completeNext();
    assertThat(transport.sent).containsExactly("A\0", "OVERFLOW\0");
    assertThat(transport.closedAsViolation).isTrue();
  }

  /** Holds every write until the test completes it, like a client that reads slowly. */
  static final class HeldTransport implements StompTransport {
    final List<String> sent = new ArrayList<>();
    final List<Consumer<Throwable>> pending = new ArrayList<>();
    Boolean closedAsViolation;

    @Override
    public synchronized void send(String text, Consumer<Throwable> done) {
      sent.add(text);
      pending.add(done);
    }

    void completeNext() {
      Consumer<Throwable> done;
      synchronized (this) {
        done = pending.remove(0);
      }
      done.accept(null);
    }

    @Override
    public synchronized void close(boolean violation, String reason) {
      closedAsViolation = violation;
    }
  }
}
