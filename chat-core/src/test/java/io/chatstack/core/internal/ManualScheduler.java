package io.chatstack.core.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose periodic tasks never run by themselves: tests run them with {@link
 * #runPeriodic()} (or call the services' {@code tick()}), so nothing races the test thread.
 */
final class ManualScheduler extends ScheduledThreadPoolExecutor {
  final List<Runnable> periodic = new CopyOnWriteArrayList<>();
  final List<Long> delaysMillis = new CopyOnWriteArrayList<>();

  ManualScheduler() {
    super(1);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    periodic.add(command);
    delaysMillis.add(unit.toMillis(delay));
    return schedule(() -> {}, 1, TimeUnit.DAYS);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    return scheduleWithFixedDelay(command, initialDelay, period, unit);
  }

  void runPeriodic() {
    periodic.forEach(Runnable::run);
  }
}
