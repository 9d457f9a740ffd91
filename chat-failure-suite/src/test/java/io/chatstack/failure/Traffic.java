package io.chatstack.failure;

import io.chatstack.client.ChatClient;
import io.chatstack.core.ChatMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Senders: one thread per client, each sending to its rooms in turn, one message at a time, until
 * {@link #stop()}. A failed send (e.g. Kafka or MariaDB down) is retried with the same {@code
 * clientMsgId} until it is acknowledged, as an application should; every acknowledgement goes to
 * the {@link Ledger}. Thread-safe.
 */
final class Traffic implements AutoCloseable {
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicInteger failedAttempts = new AtomicInteger();
  private final AtomicReference<Throwable> lastFailure = new AtomicReference<>();
  private final Ledger ledger;

  Traffic(Ledger ledger) {
    this.ledger = ledger;
  }

  /**
   * Starts a sender on {@code client} to {@code rooms}; at most {@code perSecond} (0: no cap);
   * messages of about {@code contentChars} characters.
   */
  Traffic sender(ChatClient client, List<Long> rooms, int perSecond, int contentChars) {
    Thread t =
        new Thread(
            () -> run(client, rooms, perSecond, contentChars),
            "sender-" + client.userName() + "-" + threads.size());
    t.setDaemon(true);
    threads.add(t);
    t.start();
    return this;
  }

  private void run(ChatClient client, List<Long> rooms, int perSecond, int content) {
    long pause = perSecond > 0 ? TimeUnit.SECONDS.toNanos(1) / perSecond : 0;
    String padding = "x".repeat(Math.max(0, content - 40));
    for (int i = 0; !stopping.get(); i++) {
      long room = rooms.get(i % rooms.size());
      String clientMsgId = Thread.currentThread().getName() + "-" + i;
      String text = clientMsgId + " " + padding;
      while (true) {
        try {
          ChatMessage stored = client.send(room, text, clientMsgId).get(30, TimeUnit.SECONDS);
          ledger.acked(stored);
          break;
        } catch (ExecutionException | TimeoutException e) {
          failedAttempts.incrementAndGet();
          lastFailure.set(e.getCause() != null ? e.getCause() : e);
          if (client.isClosed() || stopping.get()) {
            return; // never acknowledged: the guarantee does not cover it
          }
          LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // retry backoff, same id
        } catch (InterruptedException e) {
          return;
        }
      }
      if (pause > 0) {
        LockSupport.parkNanos(pause);
      }
    }
  }

  /** Send attempts that failed and were retried. */
  int failedAttempts() {
    return failedAttempts.get();
  }

  Throwable lastFailure() {
    return lastFailure.get();
  }

  /**
   * Stops every sender after its current send completed (a failing one is not retried any more);
   * waits at most 60 s in all.
   */
  void stop() {
    stopping.set(true);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (Thread t : threads) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Stops at once: senders are interrupted. */
  @Override
  public void close() {
    stopping.set(true);
    threads.forEach(Thread::interrupt);
  }
}
