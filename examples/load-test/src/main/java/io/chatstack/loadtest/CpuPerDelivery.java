package io.chatstack.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongUnaryOperator;

/**
 * CPU time of a group of processes over a measurement window, divided by what the window did:
 * microseconds of CPU (user + system, {@link CpuProbe}) per delivery or per message. A group is one
 * role of the benchmark: the server, its backing services (Kafka and MongoDB in one process), the
 * load generator. Not thread-safe: start on one thread, read on another only after a happens-before
 * (the benchmark takes the start sample on the sending thread, the end sample after the window on
 * the same thread that read the start).
 */
final class CpuPerDelivery {
  private final long[] pids;
  private final LongUnaryOperator cpuNanos;
  private long start = -1;

  /** A group of processes; pids of 0 or below are left out. */
  CpuPerDelivery(List<Long> pids, LongUnaryOperator cpuNanos) {
    this.pids = pids.stream().mapToLong(Long::longValue).filter(p -> p > 0).toArray();
    this.cpuNanos = cpuNanos;
  }

  /** The pids of {@code value}: comma-separated numbers; empty or blank for none. */
  static List<Long> parsePids(String value) {
    List<Long> pids = new ArrayList<>();
    if (value == null) {
      return pids;
    }
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        pids.add(Long.parseLong(part.trim()));
      }
    }
    return pids;
  }

  /** Marks the start of the window. */
  void start() {
    start = total();
  }

  /**
   * CPU used since {@link #start()} in microseconds per {@code count} (e.g. deliveries), formatted;
   * {@code n/a} when the group is empty, a process could not be read, or nothing was counted.
   */
  String microsPer(long count) {
    long end = total();
    if (start < 0 || end < 0 || count <= 0) {
      return "n/a";
    }
    return format((end - start) / 1e3 / count);
  }

  static String format(double micros) {
    return micros >= 100
        ? String.format(Locale.ROOT, "%,.0f µs", micros)
        : String.format(Locale.ROOT, "%.1f µs", micros);
  }

  private long total() {
    if (pids.length == 0) {
      return -1;
    }
    long sum = 0;
    for (long pid : pids) {
      long cpu = cpuNanos.applyAsLong(pid);
      if (cpu < 0) {
        return -1;
      }
      sum += cpu;
    }
    return sum;
  }
}
