package io.chatstack.server.internal;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A one-shot timer of one connection that can be restarted and cancelled: the connect and
 * frame-assembly timeouts. {@code onExpiry} runs on the scheduler's thread when the deadline passes
 * without a {@link #cancel()} or restart in between, so it must only do quick, thread-safe work.
 * Thread-safe; after {@link #close()} nothing is scheduled any more.
 */
final class Deadline {
  private final ScheduledExecutorService scheduler;
  private final long delayMillis;
  private final Runnable onExpiry;
  private ScheduledFuture<?> pending;
  // Which start() a scheduled task belongs to: a task of an earlier start that is already running
  // when cancel() comes must not fire.
  private long generation;
  private boolean closed;

  Deadline(ScheduledExecutorService scheduler, long delayMillis, Runnable onExpiry) {
    this.scheduler = scheduler;
    this.delayMillis = delayMillis;
    this.onExpiry = onExpiry;
  }

  /** Starts the clock anew, replacing any running one. */
  synchronized void start() {
    cancel();
    if (closed) {
      return;
    }
    long mine = generation;
    try {
      pending = scheduler.schedule(() -> expire(mine), delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // The endpoint is shutting down; its connections are closed with it.
    }
  }

  /** Starts the clock unless it is already running. */
  synchronized void startIfStopped() {
    if (pending == null) {
      start();
    }
  }

  /** Stops the clock; {@code onExpiry} will not run for the current start. */
  synchronized void cancel() {
    generation++;
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }

  /** Stops the clock for good. */
  synchronized void close() {
    closed = true;
    cancel();
  }

  private void expire(long scheduled) {
    synchronized (this) {
      if (scheduled != generation || closed) {
        return;
      }
      pending = null;
    }
    onExpiry.run();
  }
}
