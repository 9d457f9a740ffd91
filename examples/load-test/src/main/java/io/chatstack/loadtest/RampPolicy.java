package io.chatstack.loadtest;

/**
 * Decides the steps of a ramp: the rate grows by {@code factor} per step until a step fails (p99
 * above the limit, any loss, or any send refused by the server, e.g. a hook that missed its
 * deadline under overload) or the maximum number of steps is reached; the result is the highest
 * delivered rate of a passing step. A failing step is run once more at the same rate before the
 * ramp stops ({@code retries}), so one scheduling hiccup of a shared machine does not end it; such
 * a retry does not count as a step.
 *
 * <p>Not thread-safe: one ramp drives it.
 */
public final class RampPolicy {
  private final double factor;
  private final long p99LimitMicros;
  private final int maxSteps;
  private final int retries;
  private int failuresAtRate;
  private double rate;
  private int steps;
  private boolean stopped;
  private double bestDeliveriesPerSecond = -1;
  private String stopReason = "";

  /** A ramp starting at {@code startRate} messages per second, retrying a failed step once. */
  public RampPolicy(double startRate, double factor, long p99LimitMicros, int maxSteps) {
    this(startRate, factor, p99LimitMicros, maxSteps, 1);
  }

  /** A ramp that runs a failed step up to {@code retries} more times before stopping. */
  public RampPolicy(
      double startRate, double factor, long p99LimitMicros, int maxSteps, int retries) {
    if (startRate <= 0 || factor <= 1 || maxSteps < 1) {
      throw new IllegalArgumentException("need startRate > 0, factor > 1, maxSteps >= 1");
    }
    this.rate = startRate;
    this.factor = factor;
    this.p99LimitMicros = p99LimitMicros;
    this.maxSteps = maxSteps;
    this.retries = retries;
  }

  /** Whether another step should run. */
  public boolean hasNext() {
    return !stopped && steps < maxSteps;
  }

  /** Message rate of the next step, in messages per second. */
  public double nextRate() {
    return rate;
  }

  /** Takes the result of the step run at {@link #nextRate()}; returns whether it passed. */
  public boolean accept(LatencyRecorder.Result step) {
    boolean pass =
        step.received() > 0
            && step.lost() == 0
            && step.refused() == 0
            && step.p99Micros() <= p99LimitMicros;
    if (pass) {
      steps++; // steps count rates: a retried rate is one step
      bestDeliveriesPerSecond = Math.max(bestDeliveriesPerSecond, step.deliveriesPerSecond());
      rate *= factor;
      failuresAtRate = 0;
      if (steps >= maxSteps) {
        stopReason = "max steps reached (still passing)";
      }
    } else if (failuresAtRate < retries) {
      failuresAtRate++;
    } else {
      steps++;
      stopped = true;
      String at = " at " + Math.round(rate) + " msg/s";
      if (step.refused() > 0) {
        stopReason = "refused sends: " + step.refused() + at;
      } else if (step.lost() > 0) {
        stopReason = "loss" + at;
      } else {
        stopReason = "p99 " + Format.millis(step.p99Micros()) + at;
      }
    }
    return pass;
  }

  /** Highest delivered deliveries per second of a passing step; -1 when none passed. */
  public double bestDeliveriesPerSecond() {
    return bestDeliveriesPerSecond;
  }

  /** Why the ramp stopped, for the report. */
  public String stopReason() {
    return stopReason;
  }
}
