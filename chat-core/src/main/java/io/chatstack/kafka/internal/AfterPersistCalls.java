package io.chatstack.kafka.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.PersistListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the persister's {@link PersistListener}s after a batch is stored: each listener on its own,
 * in list order, retried with a doubling backoff up to {@code maxAttempts} calls; then the batch is
 * dead-lettered for that listener (written to the dead-letter topic, logged at ERROR with the
 * record ids, counted) and the next listener runs. Used by the persister thread only; the counters
 * are read from any thread.
 */
public final class AfterPersistCalls {
  private static final Logger LOG = LoggerFactory.getLogger(AfterPersistCalls.class);

  private final List<PersistListener> listeners;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final DeadLetters deadLetters;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();

  public AfterPersistCalls(
      List<PersistListener> listeners,
      int maxAttempts,
      Duration initialBackoff,
      Duration maxBackoff,
      DeadLetters deadLetters) {
    this.listeners = List.copyOf(listeners);
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.deadLetters = deadLetters;
  }

  /** Failed listener calls (each retry that failed counts). */
  public long failures() {
    return failures.get();
  }

  /** Batches (per listener) given up on after the last attempt. */
  public long deadLettered() {
    return deadLettered.get();
  }

  /**
   * Calls every listener with the stored batch.
   *
   * @param closing true once the persister is closing: a failing listener is then not retried
   * @return false when the persister is closing before a listener succeeded (the batch must not be
   *     committed, so the next owner calls the listeners again); true otherwise
   */
  public boolean call(List<ChatMessage> batch, BooleanSupplier closing) {
    if (listeners.isEmpty() || batch.isEmpty()) {
      return true;
    }
    List<ChatMessage> stored = List.copyOf(batch);
    for (PersistListener listener : listeners) {
      if (!call(listener, stored, closing)) {
        return false;
      }
    }
    return true;
  }

  private boolean call(PersistListener listener, List<ChatMessage> batch, BooleanSupplier closing) {
    Duration delay = initialBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        listener.afterPersist(batch);
        return true;
      } catch (RuntimeException e) {
        failures.incrementAndGet();
        if (closing.getAsBoolean()) {
          return false;
        }
        if (attempt >= maxAttempts) {
          deadLetter(listener, batch, attempt, e);
          return true;
        }
        LOG.warn(
            "PersistListener {} failed (attempt {} of {}); retrying in {}",
            listener,
            attempt,
            maxAttempts,
            delay,
            e);
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return false;
        }
        delay =
            delay.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : delay.multipliedBy(2);
      }
    }
  }

  private void deadLetter(
      PersistListener listener, List<ChatMessage> batch, int attempts, RuntimeException e) {
    deadLettered.incrementAndGet();
    List<String> ids = batch.stream().map(ChatMessage::id).toList();
    try {
      deadLetters.write(listener.getClass().getName(), e, attempts, batch);
      LOG.error(
          "PersistListener {} failed {} times; dead-lettered batch of {} records {} to the"
              + " dead-letter topic",
          listener,
          attempts,
          batch.size(),
          ids,
          e);
    } catch (DeadLetters.DeadLetterWriteException writeFailed) {
      // Storage goes on regardless: this log line is then the only record of the dead letter.
      LOG.error(
          "PersistListener {} failed {} times; could not dead-letter batch of {} records {}: {}",
          listener,
          attempts,
          batch.size(),
          ids,
          writeFailed.getMessage(),
          e);
    }
  }
}
