package io.chatstack.loadtest;

import java.util.concurrent.ConcurrentHashMap;
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
 * <p>Besides every delivery's latency it keeps, per message, the latency of its first and of its
 * last delivery ({@link #spread()}): in a room of thousands the first says how long the message
 * took to reach the fan-out, the last how long writing and reading all its copies took.
 *
 * <p>Thread-safe: any thread may record.
 */
public final class LatencyRecorder {
  private final long windowStartNanos;
  private final long windowEndNanos;
  private final ConcurrentHistogram histogram = new ConcurrentHistogram(3);
  private final LongAdder expected = new LongAdder();
  private final LongAdder received = new LongAdder();
  private final LongAdder refused = new LongAdder();
  // Per message (its intended send time is its key): {first, last} delivery latency in µs.
  private final ConcurrentHashMap<Long, long[]> spans = new ConcurrentHashMap<>();

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
      long micros = Math.max(0, (receivedNanos - intendedNanos) / 1_000);
      histogram.recordValue(micros);
      spans.compute(
          intendedNanos,
          (k, span) -> {
            if (span == null) {
              return new long[] {micros, micros};
            }
            span[0] = Math.min(span[0], micros);
            span[1] = Math.max(span[1], micros);
            return span;
          });
    }
  }

  /**
   * Per message of the window that had at least one delivery: the distribution over messages of the
   * latency of its first and of its last delivery (of those received so far).
   */
  public Spread spread() {
    Histogram first = new Histogram(3);
    Histogram last = new Histogram(3);
    // compute() stores the span back (a volatile write of the entry) after changing it, and the
    // iteration reads the entry, so each message's first and last as of the iteration are seen.
    for (long[] span : spans.values()) {
      first.recordValue(span[0]);
      last.recordValue(span[1]);
    }
    return new Spread(
        first.getTotalCount(),
        percentile(first, 50),
        percentile(first, 99),
        percentile(last, 50),
        percentile(last, 99));
  }

  private static long percentile(Histogram h, double p) {
    return h.getTotalCount() == 0 ? -1 : h.getValueAtPercentile(p);
  }

  /**
   * The first and last deliveries of each message, in microseconds (-1 when none was received).
   *
   * @param messages messages with at least one delivery
   * @param firstP50Micros median over messages of their first delivery's latency
   * @param firstP99Micros 99th percentile of the same
   * @param lastP50Micros median over messages of their last delivery's latency
   * @param lastP99Micros 99th percentile of the same
   */
  public record Spread(
      long messages,
      long firstP50Micros,
      long firstP99Micros,
      long lastP50Micros,
      long lastP99Micros) {
    /** One line for the console. */
    public String summary() {
      return String.format(
          "per message (%d): first delivery p50=%s p99=%s, last delivery p50=%s p99=%s",
          messages,
          Format.millis(firstP50Micros),
          Format.millis(firstP99Micros),
          Format.millis(lastP50Micros),
          Format.millis(lastP99Micros));
    }
  }

  /**
   * Counts a send the server refused with an application error while this recorder was current (the
   * error does not say which message it was, so a refusal during the warm-up counts too).
   */
  public void refused() {
    refused.increment();
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
        refused.sum(),
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
   * @param refused sends refused with an application error (the deliveries of those in the window
   *     count as lost)
   * @param p50Micros median latency
   * @param p99Micros 99th percentile
   * @param p999Micros 99.9th percentile
   * @param maxMicros maximum
   * @param windowSeconds length of the window
   */
  public record Result(
      long expected,
      long received,
      long refused,
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
          "p50=%s p99=%s p999=%s max=%s delivered=%d/%d (%.0f/s)%s",
          Format.millis(p50Micros),
          Format.millis(p99Micros),
          Format.millis(p999Micros),
          Format.millis(maxMicros),
          received,
          expected,
          deliveriesPerSecond(),
          refused == 0 ? "" : " refused=" + refused);
    }
  }
}
