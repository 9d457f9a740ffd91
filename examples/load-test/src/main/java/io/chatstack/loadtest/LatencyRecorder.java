package io.chatstack.loadtest;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latency of deliveries whose intended send time falls in a measurement window, corrected for
 * coordinated omission: latency is measured from the time a message was <em>scheduled</em> to be
 * sent, not from when a possibly stalled sender got round to sending it.
 *
 * <p>Deliveries and expected deliveries of messages scheduled outside {@code [start, end)} (the
 * warm-up, or a previous ramp step) are ignored. Times are {@link System#nanoTime()} values of the
 * one load-generator JVM; latencies are recorded in microseconds.
 *
 * <p>Thread-safe: any thread may record.
 */
public final class LatencyRecorder {
  private final long windowStartNanos;
  private final long windowEndNanos;
  private final ConcurrentHistogram histogram = new ConcurrentHistogram(3);
  private final LongAdder expected = new LongAdder();
  private final LongAdder received = new LongAdder();

  /**
   * A recorder for messages scheduled at or after {@code startNanos} and before {@code endNanos}.
   */
  public LatencyRecorder(long startNanos, long endNanos) {
    if (endNanos - startNanos <= 0) {
      throw new IllegalArgumentException("empty window");
    }
    this.windowStartNanos = startNanos;
    this.windowEndNanos = endNanos;
  }

  /** Whether a message scheduled at {@code intendedNanos} is measured. */
  public boolean inWindow(long intendedNanos) {
    return intendedNanos - windowStartNanos >= 0 && intendedNanos - windowEndNanos < 0;
  }

  /** Counts {@code deliveries} expected for a message scheduled at {@code intendedNanos}. */
  public void expect(long intendedNanos, int deliveries) {
    if (inWindow(intendedNanos)) {
      expected.add(deliveries);
    }
  }

  /** Records one delivery of a message scheduled at {@code intendedNanos}, received now-ish. */
  public void record(long intendedNanos, long receivedNanos) {
    if (inWindow(intendedNanos)) {
      received.increment();
      histogram.recordValue(Math.max(0, (receivedNanos - intendedNanos) / 1_000));
    }
  }

  /** Deliveries expected so far. */
  public long expected() {
    return expected.sum();
  }

  /** Deliveries received so far. */
  public long received() {
    return received.sum();
  }

  /** A consistent copy of the numbers recorded so far. */
  public Result result() {
    Histogram copy = histogram.copy();
    return new Result(
        expected.sum(),
        received.sum(),
        copy.getTotalCount() == 0 ? -1 : copy.getValueAtPercentile(50),
        copy.getTotalCount() == 0 ? -1 : copy.getValueAtPercentile(99),
        copy.getTotalCount() == 0 ? -1 : copy.getValueAtPercentile(99.9),
        copy.getTotalCount() == 0 ? -1 : copy.getMaxValue(),
        (windowEndNanos - windowStartNanos) / 1e9);
  }

  /**
   * Numbers of one window; percentiles in microseconds, -1 when nothing was received.
   *
   * @param expected deliveries expected
   * @param received deliveries received
   * @param p50Micros median latency
   * @param p99Micros 99th percentile
   * @param p999Micros 99.9th percentile
   * @param maxMicros maximum
   * @param windowSeconds length of the window
   */
  public record Result(
      long expected,
      long received,
      long p50Micros,
      long p99Micros,
      long p999Micros,
      long maxMicros,
      double windowSeconds) {
    /** Deliveries expected but not received. */
    public long lost() {
      return Math.max(0, expected - received);
    }

    /** Received deliveries per second of the window. */
    public double deliveriesPerSecond() {
      return received / windowSeconds;
    }

    /** One line for the console. */
    public String summary() {
      return String.format(
          "p50=%s p99=%s p999=%s max=%s delivered=%d/%d (%.0f/s)",
          Format.millis(p50Micros),
          Format.millis(p99Micros),
          Format.millis(p999Micros),
          Format.millis(maxMicros),
          received,
          expected,
          deliveriesPerSecond());
    }
  }
}
