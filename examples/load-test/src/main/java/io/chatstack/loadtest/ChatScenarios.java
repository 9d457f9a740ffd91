package io.chatstack.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * The chat scenarios against one server (light, ramp, fanout, bigroom, memory, history, signals);
 * each writes its numbers to the results file. Defaults are the full run; {@code --quick} picks
 * smaller sizes; every number has a flag (named in the code below). Not thread-safe.
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
      case "bigroom" -> bigroom();
      case "memory" -> memory();
      case "history" -> history();
      case "signals" -> signals();
      default -> throw new IllegalArgumentException("unknown scenario " + name);
    }
  }

  private String tag() {
    return "[" + results.column + "] ";
  }

  /**
   * Unmeasured light load, so JIT compilation and client start-up (e.g. consumer group joins) of a
   * freshly started server do not land in the first scenario. A minute: with 10 s, the JIT compiler
   * threads still took 30-48 % of every server's CPU in the light scenario's window, and more of
   * the server with the most code on its path (chatstack 545 µs per delivery, 262 µs after a
   * minute; baseline 1 187 and 173 µs).
   */
  private void warmup() throws Exception {
    Duration length = args.seconds("server-warmup-seconds", 60, 3);
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
    oneRoom("fanout", args.integer("fanout-subscribers", 2000, 500), 5, 10, 20);
  }

  /** Issue 20's big room: 10,000 subscribers of one room, one message a second from one sender. */
  private void bigroom() throws Exception {
    oneRoom("bigroom", args.integer("bigroom-subscribers", 10_000, 2_000), 1, 1, 30);
  }

  /**
   * One room of {@code subscribers}, {@code senders} of them sending {@code rate} msg/s in all
   * (default; {@code --<scenario>-rate/-warmup/-seconds} override), measured for {@code seconds}.
   */
  private void oneRoom(String scenario, int subscribers, double rate, int senders, int seconds)
      throws Exception {
    double perSecond = args.decimal(scenario + "-rate", rate, rate);
    Duration warmup = args.seconds(scenario + "-warmup", 5, 2);
    Duration measure = args.seconds(scenario + "-seconds", seconds, 5);
    steady(
        scenario,
        String.format(
            Locale.ROOT,
            "1 room × %,d subscribers, %.0f msg/s (%,.0f deliveries/s), %ds",
            subscribers,
            perSecond,
            perSecond * subscribers,
            measure.toSeconds()),
        1,
        subscribers,
        senders,
        perSecond,
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
    List<Long> serverPids = CpuPerDelivery.parsePids(args.string("server-pid", ""));
    CpuPerDelivery server = new CpuPerDelivery(serverPids, CpuProbe::cpuNanos);
    CpuPerDelivery services =
        new CpuPerDelivery(
            CpuPerDelivery.parsePids(args.string("services-pid", "")), CpuProbe::cpuNanos);
    CpuPerDelivery loadgen =
        new CpuPerDelivery(List.of(ProcessHandle.current().pid()), CpuProbe::cpuNanos);
    List<ThreadCpu> serverThreads = serverPids.stream().map(ThreadCpu::new).toList();
    AllocationProbe allocation = new AllocationProbe(http, baseUrl);
    AtomicReference<OptionalLong> allocatedAtStart = new AtomicReference<>(OptionalLong.empty());
    try (ChatLoad chat = ChatLoad.open(http, ws, setup, scenario, rooms, clients, senders)) {
      LatencyRecorder.Result r =
          chat.run(
              rate,
              warmup,
              measure,
              Duration.ofSeconds(5),
              () -> {
                server.start();
                serverThreads.forEach(ThreadCpu::start);
                services.start();
                loadgen.start();
                allocatedAtStart.set(allocation.allocatedBytes());
              });
      OptionalLong allocatedAtEnd = allocation.allocatedBytes();
      // Deliveries of the window (its messages times their room's subscribers) and its messages.
      long deliveries = r.received();
      long messages = r.expected() / clients;
      String serverCpu = server.microsPer(deliveries);
      // The JIT compilers' share is warm-up, large on a server that started seconds ago: a row of
      // its own shows what the steady work costs.
      long withoutCompilers = 0;
      for (ThreadCpu threads : serverThreads) {
        List<ThreadCpu.Group> groups = threads.sinceStart();
        withoutCompilers += ThreadCpu.totalNanos(groups) - ThreadCpu.compilerNanos(groups);
        System.out.println(
            tag()
                + scenario
                + ": server CPU per delivery by thread: "
                + ThreadCpu.format(groups, deliveries, 12));
      }
      results.put(
          scenario + ".cpu.server.nojit",
          serverThreads.isEmpty() || deliveries <= 0 || withoutCompilers <= 0
              ? "n/a"
              : CpuPerDelivery.format(withoutCompilers / 1e3 / deliveries));
      String servicesCpu =
          services.microsPer(deliveries) + " (" + services.microsPer(messages) + " per message)";
      String loadgenCpu = loadgen.microsPer(deliveries);
      results.put(scenario + ".cpu.server", serverCpu);
      results.put(scenario + ".cpu.services", servicesCpu);
      results.put(scenario + ".cpu.loadgen", loadgenCpu);
      // The end reading comes after the drain that follows the window (up to 5 s of the last
      // deliveries), as do the CPU samples; the window's deliveries are the divisor for both.
      String allocated =
          AllocationProbe.perCount(allocatedAtStart.get(), allocatedAtEnd, deliveries);
      results.put(scenario + ".alloc.server", allocated);
      System.out.println(
          tag()
              + scenario
              + ": CPU per delivery: server "
              + serverCpu
              + ", services "
              + servicesCpu
              + ", load generator "
              + loadgenCpu
              + "; server heap allocated per delivery "
              + allocated);
      System.out.println(tag() + scenario + ": " + r.summary() + problems(chat));
      LatencyRecorder.Spread spread = chat.spread();
      System.out.println(tag() + scenario + ": " + spread.summary());
      results.put(
          scenario + ".spread",
          "first "
              + Format.millis(spread.firstP99Micros())
              + ", last "
              + Format.millis(spread.lastP99Micros()));
      results.put(scenario + ".p50", Format.millis(r.p50Micros()));
      results.put(scenario + ".p99", Format.millis(r.p99Micros()));
      results.put(scenario + ".p999", Format.millis(r.p999Micros()));
      results.put(
          scenario + ".delivered", Format.count(r.received()) + "/" + Format.count(r.expected()));
    }
  }

  /**
   * Presence and typing beside chat in one room (chatstack only; the baselines have no presence):
   * window a is chat alone, window b the same chat with typers, presence/typing watchers and
   * connection churn. Records both windows' latencies, their p99 ratio, the signal events the
   * watchers received per second and the server's CPU in each window.
   */
  private void signals() throws Exception {
    if (!args.required("target").equals("chatstack")) {
      return;
    }
    int members = args.integer("signals-members", 2000, 400);
    int pool = args.integer("signals-churn-pool", 500, 100);
    int watchers = args.integer("signals-watchers", 200, 40);
    int typers = args.integer("signals-typers", 200, 40);
    double rate = args.decimal("signals-rate", 5, 5);
    double connects = args.decimal("signals-connects", 50, 10);
    long stayMillis = args.integer("signals-stay-ms", 1000, 1000);
    long typingMillis = args.integer("signals-typing-ms", 1000, 1000);
    Duration warmup = args.seconds("signals-warmup", 5, 2);
    Duration measure = args.seconds("signals-seconds", 30, 8);
    Duration settle = args.seconds("signals-settle", 15, 3);
    long pid = Long.parseLong(args.string("server-pid", "0"));
    int subscribers = members - pool;
    if (subscribers < watchers + typers || subscribers < 10) {
      throw new IllegalArgumentException(
          "signals-members must exceed signals-churn-pool by at least watchers + typers");
    }
    results.param(
        "signals",
        String.format(
            Locale.ROOT,
            "1 room, %,d members (%,d subscribed, %,d in the churn pool), %.0f chat msg/s; b adds"
                + " %d typers (every %d ms), %d presence+typing watchers, %.0f connects/s"
                + " (each stays %d ms), %ds per window",
            members,
            subscribers,
            pool,
            rate,
            typers,
            typingMillis,
            watchers,
            connects,
            stayMillis,
            measure.toSeconds()));
    try (ChatLoad chat = ChatLoad.open(http, ws, setup, "signals", 1, subscribers, 10)) {
      long roomId = chat.roomId(0);
      List<String> churnPool = new ArrayList<>();
      for (int i = 0; i < pool; i++) {
        churnPool.add("signals-churn-" + i);
      }
      setup.join(roomId, churnPool);
      // Unmeasured: the server is still busy with the subscriptions of the room just opened.
      chat.run(rate, Duration.ZERO, settle, Duration.ofSeconds(5));
      Window a = window(chat, pid, rate, warmup, measure);
      System.out.println(
          tag() + "signals a (chat only): " + a.latency().summary() + problems(chat));
      List<String> users = new ArrayList<>();
      for (int i = 0; i < watchers + typers; i++) {
        users.add("signals-r0-u" + i);
      }
      try (SignalLoad signals =
          SignalLoad.open(
              http,
              ws,
              roomId,
              users.subList(0, watchers),
              users.subList(watchers, users.size()),
              churnPool)) {
        signals.start(typingMillis, connects, stayMillis);
        long typing0 = signals.typingEvents();
        long presence0 = signals.presenceEvents();
        Window b = window(chat, pid, rate, warmup, measure);
        double seconds = b.wallNanos() / 1e9;
        double typingPerSecond = (signals.typingEvents() - typing0) / seconds;
        double presencePerSecond = (signals.presenceEvents() - presence0) / seconds;
        // Every watcher subscribes to both topics, so each receives every forwarded event once:
        // the forwarded rate is the watchers' average.
        int perWatcher = Math.max(1, watchers);
        System.out.printf(
            Locale.ROOT,
            "%ssignals b (with signals): %s%s; typing events %.0f/s, presence events %.0f/s"
                + " received by the watchers (forwarded: typing %.1f/s, presence %.1f/s);"
                + " %d typing SENDs, %d churn connects, %d errors%n",
            tag(),
            b.latency().summary(),
            problems(chat),
            typingPerSecond,
            presencePerSecond,
            typingPerSecond / perWatcher,
            presencePerSecond / perWatcher,
            signals.typingSends(),
            signals.connects(),
            signals.errors());
        results.put("signals.a.p50", Format.millis(a.latency().p50Micros()));
        results.put("signals.a.p99", Format.millis(a.latency().p99Micros()));
        results.put("signals.b.p50", Format.millis(b.latency().p50Micros()));
        results.put("signals.b.p99", Format.millis(b.latency().p99Micros()));
        results.put(
            "signals.ratio",
            String.format(
                Locale.ROOT,
                "%.2f×",
                (double) b.latency().p99Micros() / Math.max(1, a.latency().p99Micros())));
        results.put(
            "signals.delivered",
            Format.count(a.latency().received() + b.latency().received())
                + "/"
                + Format.count(a.latency().expected() + b.latency().expected()));
        results.put(
            "signals.events",
            String.format(
                Locale.ROOT,
                "typing %,.0f/s, presence %,.0f/s",
                typingPerSecond,
                presencePerSecond));
        results.put(
            "signals.forwarded",
            String.format(
                Locale.ROOT,
                "typing %,.1f/s, presence %,.1f/s",
                typingPerSecond / perWatcher,
                presencePerSecond / perWatcher));
        results.put("signals.cpu", a.cpu() + " → " + b.cpu());
      }
    }
  }

  /** One measured chat window: latencies, wall time and the server's CPU use in it. */
  private record Window(LatencyRecorder.Result latency, long wallNanos, String cpu) {}

  private Window window(ChatLoad chat, long pid, double rate, Duration warmup, Duration measure) {
    long cpu0 = CpuProbe.cpuNanos(pid);
    long t0 = System.nanoTime();
    LatencyRecorder.Result r = chat.run(rate, warmup, measure, Duration.ofSeconds(5));
    long wall = System.nanoTime() - t0;
    long cpu1 = CpuProbe.cpuNanos(pid);
    String cpu =
        cpu0 < 0 || cpu1 < 0
            ? "n/a"
            : String.format(Locale.ROOT, "%.0f%% of a core", 100.0 * (cpu1 - cpu0) / wall);
    return new Window(r, wall, cpu);
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
    String histogramBefore = HeapProbe.histogram(pid);
    long before = HeapProbe.parseTotal(histogramBefore);
    try (ChatLoad load = ChatLoad.open(http, ws, setup, "idle", 1, connections, 0)) {
      // A fixed pause, not a wait for receipts: Spring's SimpleBroker (the baselines) sends no
      // RECEIPT for SUBSCRIBE, and every server must be measured the same way.
      Thread.sleep(args.integer("memory-settle-ms", 3000, 2000));
      String histogramAfter = HeapProbe.histogram(pid);
      long after = HeapProbe.parseTotal(histogramAfter);
      // Work still in flight after the pause (subscriptions being checked on a busy machine) holds
      // heap that an idle connection does not: measure again until two probes 2 s apart agree
      // within 1 % (at most 15 more), the same rule for every server.
      for (int probe = 0; probe < 15; probe++) {
        Thread.sleep(2000);
        String next = HeapProbe.histogram(pid);
        long total = HeapProbe.parseTotal(next);
        boolean settled = Math.abs(total - after) <= after / 100;
        histogramAfter = next;
        after = total;
        if (settled) {
          break;
        }
      }
      System.out.println(tag() + "memory: live heap growth per connection, largest classes:");
      HeapProbe.topGrowth(histogramBefore, histogramAfter, 25, connections)
          .forEach(line -> System.out.println(tag() + "  " + line));
      System.out.println(tag() + "memory: live heap growth per connection, chatstack's classes:");
      HeapProbe.topGrowth(histogramBefore, histogramAfter, 20, connections, "chatstack")
          .forEach(line -> System.out.println(tag() + "  " + line));
      System.out.println(tag() + "memory: live heap growth per connection by layer:");
      HeapProbe.growthByLayer(histogramBefore, histogramAfter, connections)
          .forEach(line -> System.out.println(tag() + "  " + line));
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
    HistoryBench.Seeded seeded =
        HistoryBench.seed(
            args.required("kafka"),
            args.string("messages-topic", "chat-messages"),
            mongo,
            args.string("mongo-database", "chatstack"),
            roomId,
            count);
    System.out.printf(
        Locale.ROOT,
        "%shistory: seeded %,d messages through the log and the persister in %.1f s%n",
        tag(),
        count,
        seeded.seconds());
    // Random pages first: they leave the store and the server as busy as a room in use would.
    Histogram h =
        HistoryBench.measure(baseUrl, roomId, seeded, requests, budget, Duration.ZERO, false);
    // The latest page is cheap (the server's tail): a JIT warm-up of its own and a larger sample.
    Histogram latest =
        HistoryBench.measure(
            baseUrl,
            roomId,
            seeded,
            args.integer("history-latest-requests", 2_000, 200),
            budget,
            args.seconds("history-latest-warmup-seconds", 15, 5),
            true);
    long cold = HistoryBench.first;
    results.param(
        "history",
        String.format(
            Locale.ROOT,
            "%,d msgs in one room, limit=50, %d sequential requests (latest page: %d after"
                + " the warm-up)",
            count,
            h.getTotalCount(),
            latest.getTotalCount()));
    System.out.printf(
        Locale.ROOT,
        "%shistory: %d requests p50=%s p99=%s%n",
        tag(),
        h.getTotalCount(),
        Format.millis(h.getValueAtPercentile(50)),
        Format.millis(h.getValueAtPercentile(99)));
    results.put("history.p50", Format.millis(h.getValueAtPercentile(50)));
    results.put("history.p99", Format.millis(h.getValueAtPercentile(99)));
    System.out.printf(
        Locale.ROOT,
        "%shistory latest page: first %s, then %d requests after the warm-up p50=%s p99=%s"
            + " p99.9=%s max=%s%n",
        tag(),
        Format.millis(cold),
        latest.getTotalCount(),
        Format.millis(latest.getValueAtPercentile(50)),
        Format.millis(latest.getValueAtPercentile(99)),
        Format.millis(latest.getValueAtPercentile(99.9)),
        Format.millis(latest.getMaxValue()));
    results.put("history.latest.first", Format.millis(cold));
    results.put("history.latest.p50", Format.millis(latest.getValueAtPercentile(50)));
    results.put("history.latest.p99", Format.millis(latest.getValueAtPercentile(99)));
  }

  private static String problems(ChatLoad load) {
    long errors = load.errors();
    long closed = load.closedConnections();
    Map<String, Long> refused = load.refusals();
    String refusals = refused.isEmpty() ? "" : " refused " + refused;
    return errors == 0 && closed == 0
        ? refusals
        : " (errors=" + errors + ", closed=" + closed + ")" + refusals;
  }
}
