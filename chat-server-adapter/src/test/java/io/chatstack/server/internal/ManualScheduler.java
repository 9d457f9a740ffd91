package io.chatstack.server.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose clock only moves on {@link #advance}: timers run on the test's thread, in due
 * order, so timeout tests need neither sleeps nor real time. {@code execute} runs at once.
 * Thread-safe enough for tests that drive it from one thread.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  private final List<Task> tasks = new ArrayList<>();
  private long nowNanos;
  private boolean shutdown;

  /** Moves the clock forward, running every timer that falls due on the way. */
  void advance(Duration by) {
    long until = nowNanos + by.toNanos();
    while (true) {
      Task next;
      synchronized (this) {
        next =
            tasks.stream()
                .filter(t -> !t.cancelled && t.dueNanos <= until)
                .min(Comparator.comparingLong(t -> t.dueNanos))
                .orElse(null);
        if (next == null) {
          break;
        }
        nowNanos = Math.max(nowNanos, next.dueNanos);
        if (next.periodNanos > 0) {
          next.dueNanos += next.periodNanos;
        } else {
          tasks.remove(next);
          next.done = true;
        }
      }
      next.command.run();
    }
    synchronized (this) {
      nowNanos = until;
    }
  }

  @Override
  public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return add(command, unit.toNanos(delay), 0);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public synchronized ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    return add(command, unit.toNanos(initialDelay), unit.toNanos(period));
  }

  @Override
  public synchronized ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return add(command, unit.toNanos(initialDelay), unit.toNanos(delay));
  }

  private Task add(Runnable command, long delayNanos, long periodNanos) {
    Task task = new Task(command, nowNanos + delayNanos, periodNanos);
    tasks.add(task);
    return task;
  }

  @Override
  public void execute(Runnable command) {
    command.run();
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    shutdown = true;
    tasks.clear();
    return List.of();
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }

  private final class Task implements ScheduledFuture<Object> {
    final Runnable command;
    final long periodNanos;
    long dueNanos;
    volatile boolean cancelled;
    volatile boolean done;

    Task(Runnable command, long dueNanos, long periodNanos) {
      this.command = command;
      this.dueNanos = dueNanos;
      this.periodNanos = periodNanos;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      synchronized (ManualScheduler.this) {
        return unit.convert(dueNanos - nowNanos, TimeUnit.NANOSECONDS);
      }
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      if (done || cancelled) {
        return false;
      }
      cancelled = true;
      synchronized (ManualScheduler.this) {
        tasks.remove(this);
      }
      return true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return done || cancelled;
    }

    @Override
    public Object get() {
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return null;
    }
  }
}
