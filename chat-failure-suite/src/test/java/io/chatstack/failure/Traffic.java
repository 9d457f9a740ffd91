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
  private final int content;

  /** {@code contentChars}: size of each message's text. */
  Traffic(Ledger ledger, int contentChars) {
    this.ledger = ledger;
    this.content = contentChars;
  }

  /** Starts a sender on {@code client} to {@code rooms}; at most {@code perSecond} (0: no cap). */
  Traffic sender(ChatClient client, List<Long> rooms, int perSecond) {
    Thread t =
        new Thread(
            () -> run(client, rooms, perSecond),
            "sender-" + client.userName() + "-" + threads.size());
    t.setDaemon(true);
    threads.add(t);
    t.start();
    return this;
  }

  private void run(ChatClient client, List<Long> rooms, int perSecond) {
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
          if (client.isClosed()) {
            return; // the check will show what was not acknowledged
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

  /** Stops every sender after its current message is acknowledged (or the client closed). */
  void stop() {
    stopping.set(true);
    for (Thread t : threads) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(90));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    stop();
  }
}
