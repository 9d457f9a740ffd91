package io.chatstack.server.internal;

import io.chatstack.stomp.Heartbeat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The heart-beat timers of one connection: sends EOLs on the negotiated interval and reports a
 * client silent for more than twice its interval. Thread-safe; {@link #cancel()} is final.
 */
final class HeartbeatTimers {
  private final ScheduledExecutorService scheduler;
  private final List<ScheduledFuture<?>> timers = new ArrayList<>();
  private boolean cancelled;

  HeartbeatTimers(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  /**
   * Starts the timers; {@code onSilence} runs (repeatedly until cancelled) once the client is
   * silent too long.
   */
  synchronized void start(
      Heartbeat heartbeat,
      OutboundQueue outbound,
      LongSupplier lastInboundNanos,
      Runnable onSilence) {
    if (cancelled) {
      return;
    }
    if (heartbeat.sendEveryMillis() > 0) {
      long every = heartbeat.sendEveryMillis();
      timers.add(
          scheduler.scheduleAtFixedRate(
              outbound::offerHeartbeat, every, every, TimeUnit.MILLISECONDS));
    }
    if (heartbeat.expectEveryMillis() > 0) {
      long allowed = TimeUnit.MILLISECONDS.toNanos(heartbeat.expectEveryMillis() * 2);
      long check = Math.max(50, heartbeat.expectEveryMillis() / 2);
      timers.add(
          scheduler.scheduleWithFixedDelay(
              () -> {
                if (System.nanoTime() - lastInboundNanos.getAsLong() > allowed) {
                  onSilence.run();
                }
              },
              check,
              check,
              TimeUnit.MILLISECONDS));
    }
  }

  /** Stops every timer, including ones a concurrent {@link #start} would add. */
  synchronized void cancel() {
    cancelled = true;
    timers.forEach(t -> t.cancel(false));
    timers.clear();
  }
}
