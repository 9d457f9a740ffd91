package io.chatstack.failure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.HdrHistogram.Histogram;

/**
 * Prints each scenario's one-line summary and appends it to {@code
 * target/failure-suite-results.md}. Thread-safe (synchronized).
 */
final class Results {
  private static final Path FILE = Path.of("target", "failure-suite-results.md");

  private Results() {}

  /** One line: scenario, profile, acknowledged sends, deliveries checked, latency, extras. */
  static synchronized void report(String scenario, Ledger ledger, String extra) {
    Histogram h = ledger.latency.getIntervalHistogram();
    String line =
        String.format(
            "| %s | %s | %s | %d | %d | %d / %d / %d | %s |",
            Instant.now().truncatedTo(ChronoUnit.SECONDS),
            scenario,
            Profile.NAME,
            ledger.acks(),
            ledger.deliveries(),
            h.getValueAtPercentile(50),
            h.getValueAtPercentile(99),
            h.getMaxValue(),
            extra);
    System.out.println("[failure-suite] " + line);
    try {
      if (!Files.exists(FILE)) {
        Files.createDirectories(FILE.getParent());
        Files.writeString(
            FILE,
            "| when (UTC) | scenario | profile | acked sends | deliveries checked"
                + " | latency ms p50 / p99 / max | notes |\n|---|---|---|---|---|---|---|\n",
            StandardCharsets.UTF_8);
      }
      Files.writeString(FILE, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
