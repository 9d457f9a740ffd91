package io.chatstack.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The chat scenarios against one server (light, ramp, fanout, memory, history); each writes its
 * numbers to the results file. Defaults are the full run; {@code --quick} picks smaller sizes;
 * every number has a flag (named in the code below). Not thread-safe.
 */
final class ChatScenarios {
  private final Args args;
  private final HttpClient http;
  private final URI ws;
  private final String baseUrl;
  private final RoomSetup setup;
  private final LoadTestMain.Results results;

  ChatScenarios(
      Args args,
      HttpClient http,
      URI ws,
      String baseUrl,
      RoomSetup setup,
      LoadTestMain.Results results) {
    this.args = args;
    this.http = http;
    this.ws = ws;
    this.baseUrl = baseUrl;
    this.setup = setup;
    this.results = results;
  }

  void run(String name) throws Exception {
    switch (name) {
      case "warmup" -> warmup();
      case "light" -> light();
      case "ramp" -> ramp();
      case "fanout" -> fanout();
      case "memory" -> memory();
      case "history" -> history();
      default -> throw new IllegalArgumentException("unknown scenario " + name);
    }
  }

  private String tag() {
    return "[" + results.column + "] ";
  }

  /**
   * Unmeasured light load, so JIT compilation and client start-up (e.g. consumer group joins) of a
   * freshly started server do not land in the first scenario.
   */
  private void warmup() throws Exception {
    Duration length = args.seconds("server-warmup-seconds", 10, 3);
    try (ChatLoad load = ChatLoad.open(http, ws, setup, "warmup", 10, 10, 10)) {
      LatencyRecorder.Result r =
          load.run(100, length, Duration.ofSeconds(1), Duration.ofSeconds(5));
      System.out.println(tag() + "warm-up, last second: " + r.summary() + problems(load));
    }
  }

  private void light() throws Exception {
    int rooms = args.integer("light-rooms", 10, 10);
    int clients = args.integer("light-clients", 10, 10);
    double rate = args.decimal("light-rate", 100, 100);
    Duration warmup = args.seconds("light-warmup", 5, 2);
    Duration measure = args.seconds("light-seconds", 30, 6);
    steady(
        "light",
        String.format(
            Locale.ROOT,
            "%d rooms × %d clients, %.0f msg/s (%.0f deliveries/s), %ds",
            rooms,
            clients,
            rate,
            rate * clients,
            measure.toSeconds()),
        rooms,
        clients,
        clients,
        rate,
        warmup,
        measure);
  }

  private void ramp() throws Exception {
    int rooms = args.integer("ramp-rooms", 10, 10);
    int clients = args.integer("ramp-clients", 10, 10);
    double start = args.decimal("ramp-start-rate", 50, 50);
    double factor = args.decimal("ramp-factor", 1.5, 1.5);
    long limitMicros = Math.round(args.decimal("ramp-p99-ms", 50, 50) * 1000);
    int maxSteps = args.integer("ramp-max-steps", 14, 5);
    Duration warmup = args.seconds("ramp-step-warmup", 2, 1);
    Duration measure = args.seconds("ramp-step-seconds", 8, 4);
    results.param(
        "ramp",
        String.format(
            Locale.ROOT,
            "%d×%d clients, from %.0f msg/s ×%.1f per %ds step (max %d steps)",
            rooms,
            clients,
            start,
            factor,
            measure.toSeconds(),
            maxSteps));
    RampPolicy policy = new RampPolicy(start, factor, limitMicros, maxSteps);
    try (ChatLoad load = ChatLoad.open(http, ws, setup, "ramp", rooms, clients, clients)) {
      while (policy.hasNext()) {
        double rate = policy.nextRate();
        LatencyRecorder.Result r = load.run(rate, warmup, measure, Duration.ofSeconds(2));
        boolean pass = policy.accept(r);
        System.out.printf(
            Locale.ROOT,
            "%sramp %.0f msg/s: %s%s -> %s%n",
            tag(),
            rate,
            r.summary(),
            problems(load),
            pass ? "pass" : "FAIL");
      }
    }
    double best = policy.bestDeliveriesPerSecond();
    results.put(
        "ramp.max", best < 0 ? "none passed" : Format.count(Math.round(best)) + " deliveries/s");
    results.put("ramp.stop", policy.stopReason());
  }

  private void fanout() throws Exception {
    int subscribers = args.integer("fanout-subscribers", 2000, 500);
    double rate = args.decimal("fanout-rate", 5, 5);
    Duration warmup = args.seconds("fanout-warmup", 5, 2);
    Duration measure = args.seconds("fanout-seconds", 20, 5);
    steady(
        "fanout",
        String.format(
            Locale.ROOT,
            "1 room × %,d subscribers, %.0f msg/s (%,.0f deliveries/s), %ds",
            subscribers,
            rate,
            rate * subscribers,
            measure.toSeconds()),
        1,
        subscribers,
        10,
        rate,
        warmup,
        measure);
  }

  /**
   * One steady-rate scenario: {@code rooms} rooms of {@code clients} subscribers, {@code senders}
   * of them sending {@code rate} msg/s in all; records its latencies as {@code scenario.*}.
   */
  private void steady(
      String scenario,
      String load,
      int rooms,
      int clients,
      int senders,
      double rate,
      Duration warmup,
      Duration measure)
      throws Exception {
    results.param(scenario, load);
    try (ChatLoad chat = ChatLoad.open(http, ws, setup, scenario, rooms, clients, senders)) {
      LatencyRecorder.Result r = chat.run(rate, warmup, measure, Duration.ofSeconds(5));
      System.out.println(tag() + scenario + ": " + r.summary() + problems(chat));
      results.put(scenario + ".p50", Format.millis(r.p50Micros()));
      results.put(scenario + ".p99", Format.millis(r.p99Micros()));
      results.put(scenario + ".p999", Format.millis(r.p999Micros()));
      results.put(
          scenario + ".delivered", Format.count(r.received()) + "/" + Format.count(r.expected()));
    }
  }

  private void memory() throws Exception {
    int connections = args.integer("memory-connections", 10_000, 2_000);
    long pid = Long.parseLong(args.string("server-pid", "0"));
    results.param(
        "memory",
        String.format(
            Locale.ROOT, "%,d idle connections, CONNECT+SUBSCRIBE one room", connections));
    if (pid == 0) {
      results.put("memory.kib", "n/a (no --server-pid)");
      return;
    }
    long before = HeapProbe.liveBytes(pid);
    try (ChatLoad load = ChatLoad.open(http, ws, setup, "idle", 1, connections, 0)) {
      // A fixed pause, not a wait for receipts: Spring's SimpleBroker (the baselines) sends no
      // RECEIPT for SUBSCRIBE, and every server must be measured the same way.
      Thread.sleep(args.integer("memory-settle-ms", 3000, 2000));
      long after = HeapProbe.liveBytes(pid);
      double kib = (after - before) / 1024.0 / connections;
      System.out.printf(
          Locale.ROOT,
          "%smemory: live heap %,d -> %,d bytes over %,d connections: %.1f KiB each%s%n",
          tag(),
          before,
          after,
          connections,
          kib,
          problems(load));
      results.put(
          "memory.kib",
          String.format(Locale.ROOT, "%.1f KiB", kib)
              + (load.closedConnections() > 0 ? " (" + load.closedConnections() + " closed)" : ""));
    }
  }

  private void history() throws Exception {
    String mongo = args.string("mongo-uri", "");
    if (!args.required("target").equals("chatstack") || mongo.isEmpty()) {
      return;
    }
    int count = args.integer("history-messages", 1_000_000, 50_000);
    int requests = args.integer("history-requests", 200, 30);
    Duration budget = args.seconds("history-budget-seconds", 30, 10);
    long roomId = setup.createRoom("history-room", "history-user");
    double seedSeconds =
        HistoryBench.seed(mongo, args.string("mongo-database", "chatstack"), roomId, count, 10_000);
    System.out.printf(
        Locale.ROOT, "%shistory: seeded %,d messages in %.1f s%n", tag(), count, seedSeconds);
    Histogram h = HistoryBench.measure(baseUrl, roomId, count, requests, budget);
    results.param(
        "history",
        String.format(
            Locale.ROOT,
            "%,d msgs in one room, limit=50, %d sequential requests",
            count,
            h.getTotalCount()));
    System.out.printf(
        Locale.ROOT,
        "%shistory: %d requests p50=%s p99=%s%n",
        tag(),
        h.getTotalCount(),
        Format.millis(h.getValueAtPercentile(50)),
        Format.millis(h.getValueAtPercentile(99)));
    results.put("history.p50", Format.millis(h.getValueAtPercentile(50)));
    results.put("history.p99", Format.millis(h.getValueAtPercentile(99)));
  }

  private static String problems(ChatLoad load) {
    long errors = load.errors();
    long closed = load.closedConnections();
    return errors == 0 && closed == 0 ? "" : " (errors=" + errors + ", closed=" + closed + ")";
  }
}
