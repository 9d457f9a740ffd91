package io.chatstack.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Live heap of another JVM: {@code jcmd <pid> GC.class_histogram} runs a full GC and lists live
 * objects; its last line is {@code Total <instances> <bytes>}. Thread-safe (stateless).
 */
final class HeapProbe {
  private HeapProbe() {}

  /** Live bytes in the heap of process {@code pid}, after a full GC. */
  static long liveBytes(long pid) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process =
        new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException("jcmd failed: " + output);
    }
    return parseTotal(output);
  }

  /** The bytes of the {@code Total} line of a class histogram. */
  static long parseTotal(String histogram) {
    for (String line : histogram.strip().split("\n")) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length == 3 && parts[0].equals("Total")) {
        return Long.parseLong(parts[2]);
      }
    }
    throw new IllegalArgumentException("no Total line in class histogram");
  }
}
