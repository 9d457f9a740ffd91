package io.chatstack.loadtest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Markdown table of all results. Results are {@code column.metric=value} entries (values
 * already formatted); rows are fixed so every run prints the same shape, with {@code n/a} where a
 * column has no value. Columns are fixed too, except that a target measured twice (the balanced
 * order A B C C B A of {@code run-benchmarks.sh}: column {@code chatstack} for the first pass,
 * {@code chatstack2} for the second) gets one column per pass, side by side. Thread-safe
 * (immutable).
 */
public final class ResultsTable {
  /** Column keys and their headings. */
  static final Map<String, String> COLUMNS = new LinkedHashMap<>();

  /** Metric keys and their row labels. */
  static final Map<String, String> ROWS = new LinkedHashMap<>();

  static {
    COLUMNS.put("kafka", "Kafka floor");
    COLUMNS.put("chatstack", "chatstack");
    COLUMNS.put("baseline1", "baseline 1 SimpleBroker");
    COLUMNS.put("baseline2", "baseline 2 SimpleBroker+spring-kafka+Mongo");
    COLUMNS.put("chatstack-jetty", "chatstack on Jetty");
    ROWS.put("kafka.p50", "Kafka produce→consume p50");
    ROWS.put("kafka.p99", "Kafka produce→consume p99");
    ROWS.put("kafka.p999", "Kafka produce→consume p99.9");
    ROWS.put("light.p50", "Light load e2e p50");
    ROWS.put("light.p99", "Light load e2e p99");
    ROWS.put("light.p999", "Light load e2e p99.9");
    ROWS.put("light.spread", "Light load: p99 over messages of their first / last delivery");
    ROWS.put("light.delivered", "Light load delivered/expected");
    ROWS.put("light.cpu.server", "Light load: server CPU per delivery");
    ROWS.put(
        "light.cpu.server.nojit", "Light load: server CPU per delivery, JIT compilers left out");
    ROWS.put("light.cpu.services", "Light load: backing services CPU per delivery (per message)");
    ROWS.put("light.cpu.loadgen", "Light load: load generator CPU per delivery");
    ROWS.put("light.alloc.server", "Light load: server heap allocated per delivery");
    ROWS.put("ramp.max", "Max deliveries/s with p99 ≤ 50 ms, no loss");
    ROWS.put("ramp.stop", "Ramp stopped by");
    ROWS.put("fanout.p50", "Fan-out room e2e p50");
    ROWS.put("fanout.p99", "Fan-out room e2e p99");
    ROWS.put("fanout.p999", "Fan-out room e2e p99.9");
    ROWS.put("fanout.spread", "Fan-out room: p99 over messages of their first / last delivery");
    ROWS.put("fanout.delivered", "Fan-out delivered/expected");
    ROWS.put("fanout.cpu.server", "Fan-out room: server CPU per delivery");
    ROWS.put(
        "fanout.cpu.server.nojit", "Fan-out room: server CPU per delivery, JIT compilers left out");
    ROWS.put(
        "fanout.cpu.services", "Fan-out room: backing services CPU per delivery (per message)");
    ROWS.put("fanout.cpu.loadgen", "Fan-out room: load generator CPU per delivery");
    ROWS.put("fanout.alloc.server", "Fan-out room: server heap allocated per delivery");
    ROWS.put("bigroom.p50", "Big room e2e p50");
    ROWS.put("bigroom.p99", "Big room e2e p99 (target ≤ 250 ms)");
    ROWS.put("bigroom.p999", "Big room e2e p99.9");
    ROWS.put("bigroom.spread", "Big room: p99 over messages of their first / last delivery");
    ROWS.put("bigroom.delivered", "Big room delivered/expected");
    ROWS.put("bigroom.cpu.server", "Big room: server CPU per delivery");
    ROWS.put(
        "bigroom.cpu.server.nojit", "Big room: server CPU per delivery, JIT compilers left out");
    ROWS.put("bigroom.cpu.services", "Big room: backing services CPU per delivery (per message)");
    ROWS.put("bigroom.cpu.loadgen", "Big room: load generator CPU per delivery");
    ROWS.put("bigroom.alloc.server", "Big room: server heap allocated per delivery");
    ROWS.put("memory.kib", "Heap per idle connection");
    ROWS.put("history.p50", "History page (random beforeSeq) p50");
    ROWS.put("history.p99", "History page (random beforeSeq) p99");
    ROWS.put("history.latest.first", "Latest page, first request (loads the tail)");
    ROWS.put("history.latest.p50", "Latest page p50");
    ROWS.put("history.latest.p99", "Latest page p99");
    ROWS.put("signals.a.p50", "Signals room, chat only: e2e p50");
    ROWS.put("signals.a.p99", "Signals room, chat only: e2e p99");
    ROWS.put("signals.b.p50", "Signals room, with presence+typing: e2e p50");
    ROWS.put("signals.b.p99", "Signals room, with presence+typing: e2e p99");
    ROWS.put("signals.ratio", "Signals room p99 with / without signals (target ≤ 2×)");
    ROWS.put("signals.delivered", "Signals room chat delivered/expected");
    ROWS.put("signals.events", "Signal events received by the watchers");
    ROWS.put("signals.forwarded", "Signal events forwarded by the server (per watcher)");
    ROWS.put("signals.cpu", "Server CPU, chat only → with signals");
    ROWS.put("server.failed", "Scenarios that failed (see the log)");
  }

  /** Columns shown only when a run measured them. */
  static final Set<String> OPTIONAL_COLUMNS = Set.of("chatstack-jetty");

  /** Suffix of a target's column key in the second pass of the balanced order. */
  static final String SECOND_PASS = "2";

  private final Map<String, String> results = new LinkedHashMap<>();
  private final Map<String, String> parameters;
  private final Map<String, String> columns = new LinkedHashMap<>();

  /**
   * A table of {@code results}; {@code parameters} (metric key → description of the load) become
   * the second column.
   */
  public ResultsTable(Map<String, String> results, Map<String, String> parameters) {
    this.results.putAll(results);
    results.forEach(
        (key, value) -> {
          int dot = key.indexOf('.');
          if (key.endsWith(".failed") && dot > 0 && !key.substring(dot).equals(".server.failed")) {
            String scenario = key.substring(dot + 1, key.length() - ".failed".length());
            this.results.merge(
                key.substring(0, dot) + ".server.failed", scenario, (a, b) -> a + ", " + b);
          } else if (key.endsWith(".server.exited")) {
            this.results.merge(
                key.substring(0, dot) + ".server.failed", "server exited", (a, b) -> a + ", " + b);
          }
        });
    this.parameters = Map.copyOf(parameters);
    COLUMNS.forEach(
        (key, heading) -> {
          String second = key + SECOND_PASS;
          if (OPTIONAL_COLUMNS.contains(key)
              && results.keySet().stream()
                  .noneMatch(k -> k.startsWith(key + ".") || k.startsWith(second + "."))) {
            return;
          }
          if (results.keySet().stream().anyMatch(k -> k.startsWith(second + "."))) {
            columns.put(key, heading + " (1st pass)");
            columns.put(second, heading + " (2nd pass)");
          } else {
            columns.put(key, heading);
          }
        });
  }

  /** The table as Markdown. */
  public String markdown() {
    StringBuilder out = new StringBuilder("| Measurement | Load |");
    columns.values().forEach(h -> out.append(' ').append(h).append(" |"));
    out.append("\n|---|---|");
    columns.keySet().forEach(c -> out.append("---|"));
    out.append('\n');
    for (Map.Entry<String, String> row : ROWS.entrySet()) {
      String metric = row.getKey();
      out.append("| ").append(row.getValue()).append(" | ");
      out.append(parameters.getOrDefault(metric.substring(0, metric.indexOf('.')), ""))
          .append(" |");
      for (String column : columns.keySet()) {
        boolean floor = column.equals("kafka") || column.equals("kafka" + SECOND_PASS);
        boolean applies = floor == metric.startsWith("kafka.");
        String fallback = metric.equals("server.failed") ? "" : "n/a";
        out.append(' ')
            .append(applies ? results.getOrDefault(column + "." + metric, fallback) : "")
            .append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Parses {@code key=value} lines; later lines win. */
  static Map<String, String> parse(List<String> lines) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String line : lines) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("#")) {
        map.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return map;
  }
}
