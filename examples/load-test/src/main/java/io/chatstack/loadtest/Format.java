package io.chatstack.loadtest;

import java.util.Locale;

/** Number formatting for results. Thread-safe (stateless). */
final class Format {
  private Format() {}

  /** Microseconds as milliseconds, e.g. {@code 2.35 ms}; {@code n/a} when negative. */
  static String millis(long micros) {
    if (micros < 0) {
      return "n/a";
    }
    double ms = micros / 1000.0;
    String pattern = ms < 10 ? "%.2f ms" : ms < 100 ? "%.1f ms" : "%.0f ms";
    return String.format(Locale.ROOT, pattern, ms);
  }

  /** A count with thousands separators, e.g. {@code 10,000}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
