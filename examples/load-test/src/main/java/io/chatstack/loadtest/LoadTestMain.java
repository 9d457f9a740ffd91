package io.chatstack.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Entry point of the load generator. Commands:
 *
 * <ul>
 *   <li>{@code services <settings-file> [mysql-database]}: runs the bench services (see {@link
 *       BenchServices}).
 *   <li>{@code kafka --bootstrap <servers> --results <file> [--column kafka2]}: the Kafka floor
 *       (column {@code kafka2}: the second measurement, after the balanced order's second pass).
 *   <li>{@code run --target chatstack|baseline --column <key> --url http://127.0.0.1:<port>
 *       --results <file> [--server-pid <pid>] [--services-pid <pid,...>] [--mongo-uri <uri>]
 *       [--jdbc-url <url>] [--scenarios warmup,light,ramp,fanout,memory,history]}: the chat
 *       scenarios against one server ({@code signals}, chatstack only, runs when named).
 *   <li>{@code table --results <file> [--out <file>] [--footer <text>]}: prints the Markdown table.
 * </ul>
 *
 * Every numeric setting has a flag (see {@link ChatScenarios}); {@code --quick} picks small sizes.
 */
public final class LoadTestMain {
  private LoadTestMain() {}

  public static void main(String[] argv) throws Exception {
    if (argv.length == 0) {
      System.err.println("usage: load-test services|kafka|run|table [options] (see Javadoc)");
      System.exit(2);
    }
    switch (argv[0]) {
      case "services" ->
          BenchServices.run(Path.of(argv[1]), argv.length > 2 ? argv[2] : "chatstack_bench");
      case "kafka" -> kafka(new Args(argv, 1));
      case "run" -> run(new Args(argv, 1));
      case "table" -> table(new Args(argv, 1));
      default -> {
        System.err.println("unknown command " + argv[0]);
        System.exit(2);
      }
    }
    System.exit(0);
  }

  private static void kafka(Args args) throws Exception {
    double rate = args.decimal("kafka-rate", 100, 100);
    // The client JVM is new: a warm-up long enough for its producer and consumer to be compiled,
    // as the servers' are after their minute of warm-up.
    Duration warmup = args.seconds("kafka-warmup", 10, 1);
    Duration measure = args.seconds("kafka-seconds", 20, 5);
    LatencyRecorder.Result r = KafkaFloor.run(args.required("bootstrap"), rate, warmup, measure);
    System.out.println("[kafka] " + r.summary());
    Results out = new Results(Path.of(args.required("results")), args.string("column", "kafka"));
    out.param(
        "kafka",
        String.format(
            Locale.ROOT, "%.0f msg/s, %ds, 1 partition, acks=all", rate, measure.toSeconds()));
    out.put("kafka.p50", Format.millis(r.p50Micros()));
    out.put("kafka.p99", Format.millis(r.p99Micros()));
    out.put("kafka.p999", Format.millis(r.p999Micros()));
  }

  private static void run(Args args) throws Exception {
    String baseUrl = args.required("url");
    URI ws = URI.create(baseUrl.replaceFirst("^http", "ws") + "/ws");
    RoomSetup setup =
        RoomSetup.forTarget(args.required("target"), baseUrl, args.string("jdbc-url", ""));
    Results results = new Results(Path.of(args.required("results")), args.required("column"));
    HttpClient http =
        HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4, daemon())).build();
    ChatScenarios scenarios = new ChatScenarios(args, http, ws, baseUrl, setup, results);
    List<String> names =
        List.of(
            args.string("scenarios", "warmup,light,ramp,fanout,bigroom,memory,history").split(","));
    for (String name : names) {
      System.out.println("[" + results.column + "] scenario " + name);
      try {
        scenarios.run(name.trim());
      } catch (Exception | AssertionError e) {
        System.out.println("[" + results.column + "] scenario " + name + " failed: " + e);
        e.printStackTrace();
        results.put(name.trim() + ".failed", e.getClass().getSimpleName());
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "ws-client");
      t.setDaemon(true);
      return t;
    };
  }

  private static void table(Args args) throws IOException {
    Map<String, String> all =
        ResultsTable.parse(Files.readAllLines(Path.of(args.required("results"))));
    Map<String, String> results = new LinkedHashMap<>();
    Map<String, String> params = new LinkedHashMap<>();
    all.forEach(
        (k, v) -> {
          if (k.startsWith("param.")) {
            params.put(k.substring("param.".length()), v);
          } else {
            results.put(k, v);
          }
        });
    String text = new ResultsTable(results, params).markdown();
    String footer = args.string("footer", "");
    if (!footer.isEmpty()) {
      text = text + "\n" + footer.replace("\\n", "\n") + "\n";
    }
    System.out.println(text);
    String out = args.string("out", "");
    if (!out.isEmpty()) {
      Files.writeString(Path.of(out), text, StandardCharsets.UTF_8);
    }
  }

  /** Appends {@code column.metric=value} lines to the results file as soon as they are known. */
  static final class Results {
    private final Path file;
    final String column;

    Results(Path file, String column) {
      this.file = file;
      this.column = column;
    }

    void put(String metric, String value) throws IOException {
      append(column + "." + metric + "=" + value);
    }

    void param(String scenario, String description) throws IOException {
      append("param." + scenario + "=" + description);
    }

    private void append(String line) throws IOException {
      Files.writeString(
          file,
          line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
  }
}
