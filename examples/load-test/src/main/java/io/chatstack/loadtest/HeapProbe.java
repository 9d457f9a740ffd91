package io.chatstack.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Live heap of another JVM: {@code jcmd <pid> GC.class_histogram} runs a full GC and lists live
 * objects; its last line is {@code Total <instances> <bytes>}. Thread-safe (stateless).
 */
final class HeapProbe {
  private HeapProbe() {}

  /** Live bytes in the heap of process {@code pid}, after a full GC. */
  static long liveBytes(long pid) throws IOException, InterruptedException {
    return parseTotal(histogram(pid));
  }

  /** The class histogram of process {@code pid} (runs a full GC). */
  static String histogram(long pid) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process =
        new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException("jcmd failed: " + output);
    }
    return output;
  }

  /** Live bytes per class of a class histogram ({@code class name (module)} as the key). */
  static Map<String, Long> parseClasses(String histogram) {
    Map<String, Long> bytes = new HashMap<>();
    for (String line : histogram.strip().split("\n")) {
      String[] parts = line.trim().split("\\s+", 4);
      if (parts.length == 4
          && parts[0].endsWith(":")
          && parts[2].chars().allMatch(Character::isDigit)) {
        bytes.merge(parts[3], Long.parseLong(parts[2]), Long::sum);
      }
    }
    return bytes;
  }

  /**
   * The {@code n} classes whose live bytes grew most from {@code before} to {@code after}, as lines
   * "bytes per unit class", {@code per} units (e.g. connections) sharing the growth.
   */
  static List<String> topGrowth(String before, String after, int n, long per) {
    return topGrowth(before, after, n, per, "");
  }

  /**
   * As {@link #topGrowth(String, String, int, long)}, only the classes of one {@link #layer} (all
   * classes when {@code layer} is empty).
   */
  static List<String> topGrowth(String before, String after, int n, long per, String layer) {
    Map<String, Long> b = parseClasses(before);
    Map<String, Long> growth = new HashMap<>();
    parseClasses(after)
        .forEach(
            (k, v) -> {
              if (layer.isEmpty() || layer(k).equals(layer)) {
                growth.put(k, v - b.getOrDefault(k, 0L));
              }
            });
    return growth.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(n)
        .map(
            e -> String.format(Locale.ROOT, "%8.1f B  %s", (double) e.getValue() / per, e.getKey()))
        .toList();
  }

  /**
   * The growth from {@code before} to {@code after} per unit, grouped by the layer that owns each
   * class: the container (Tomcat, Jetty, Undertow), Spring, chatstack, primitive arrays (buffers
   * and string contents, owned by any layer) and other JDK objects (strings, collections, locks,
   * sockets, owned by any layer); lines "bytes per unit layer", largest first.
   */
  static List<String> growthByLayer(String before, String after, long per) {
    Map<String, Long> b = parseClasses(before);
    Map<String, Long> layers = new HashMap<>();
    parseClasses(after)
        .forEach((k, v) -> layers.merge(layer(k), v - b.getOrDefault(k, 0L), Long::sum));
    return layers.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(
            e -> String.format(Locale.ROOT, "%8.1f B  %s", (double) e.getValue() / per, e.getKey()))
        .toList();
  }

  static String layer(String className) {
    if (className.startsWith("org.apache.")
        || className.startsWith("org.eclipse.jetty.")
        || className.startsWith("io.undertow.")) {
      return "container";
    }
    if (className.startsWith("org.springframework.")) {
      return "Spring";
    }
    if (className.startsWith("io.chatstack.")) {
      return "chatstack";
    }
    if (className.length() > 1 && className.charAt(0) == '[' && className.charAt(1) != 'L') {
      return "primitive arrays";
    }
    return "JDK objects";
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
