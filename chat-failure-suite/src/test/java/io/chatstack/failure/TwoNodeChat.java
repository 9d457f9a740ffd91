package io.chatstack.failure;

import static org.awaitility.Awaitility.await;

import io.chatstack.client.ChatClient;
import io.chatstack.core.ChatMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The common shape of the fault scenarios: two node processes, clients spread over them (each
 * knowing the other node for failover), rooms every client joined and subscribed to from the start,
 * senders on every client, and the ledger. Not thread-safe: driven by the test thread.
 */
final class TwoNodeChat implements AutoCloseable {
  static final Duration CONVERGE = Duration.ofSeconds(Profile.pick(90, 300));

  final Cluster cluster;
  final NodeProcess a;
  final NodeProcess b;
  final List<ChatClient> clients = new ArrayList<>();

  /** {@code clients} connected to node a first. */
  final List<ChatClient> onA = new ArrayList<>();

  final List<Long> rooms;
  final Ledger ledger = new Ledger();
  final Traffic traffic;
  private final long started = System.nanoTime();
  private final String name;

  TwoNodeChat(String name, int clientsPerNode, int roomCount) {
    this(name, clientsPerNode, roomCount, cluster -> {});
  }

  /** {@code setup} adjusts the cluster (e.g. node settings) before the nodes start. */
  TwoNodeChat(
      String name, int clientsPerNode, int roomCount, java.util.function.Consumer<Cluster> setup) {
    this.name = name;
    cluster = new Cluster(name);
    try {
      setup.accept(cluster);
      List<NodeProcess> nodes = cluster.startNodes("a", "b");
      a = nodes.get(0);
      b = nodes.get(1);
      for (int i = 0; i < clientsPerNode * 2; i++) {
        boolean first = i % 2 == 0;
        ChatClient client =
            cluster.client(
                "user" + i, first ? List.of(a.uri(), b.uri()) : List.of(b.uri(), a.uri()));
        clients.add(client);
        if (first) {
          onA.add(client);
        }
      }
      rooms = Rooms.create(clients.get(0), name, roomCount);
      for (int i = 0; i < clients.size(); i++) {
        Rooms.joinAndSubscribe(clients.get(i), "user" + i, rooms, ledger);
      }
      traffic = new Traffic(ledger);
      phase("set up");
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** Prints how far the scenario got, for reading a slow run. */
  void phase(String what) {
    System.out.printf(
        "[failure-suite] %s: %s after %d ms (%d acked, %d delivered)%n",
        name,
        what,
        Duration.ofNanos(System.nanoTime() - started).toMillis(),
        ledger.acks(),
        ledger.deliveries());
  }

  /** Starts one sender per client, each at most {@code perSecond} messages a second. */
  TwoNodeChat startTraffic(int perSecond) {
    return startTraffic(perSecond, 100);
  }

  /** The same with messages of about {@code contentChars} characters. */
  TwoNodeChat startTraffic(int perSecond, int contentChars) {
    return startTraffic(perSecond, contentChars, 1);
  }

  /** The same with {@code sendersPerClient} sending threads on each client. */
  TwoNodeChat startTraffic(int perSecond, int contentChars, int sendersPerClient) {
    for (int i = 0; i < sendersPerClient; i++) {
      clients.forEach(c -> traffic.sender(c, rooms, perSecond, contentChars));
    }
    return this;
  }

  void awaitAcks(int atLeast) {
    await().atMost(CONVERGE).until(() -> ledger.acks() >= atLeast);
    phase(atLeast + " acks");
  }

  /**
   * Milliseconds from {@code faultClearedNanos} until a message sent after that point is
   * acknowledged and every message acknowledged until then reached every subscriber.
   */
  long awaitRecovery(long faultClearedNanos) {
    int acksAtClear = ledger.acks();
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> ledger.acks() > acksAtClear);
    List<ChatMessage> snapshot = ledger.ackedSnapshot();
    await()
        .atMost(CONVERGE)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> ledger.allDelivered(snapshot));
    phase("recovered");
    return Duration.ofNanos(System.nanoTime() - faultClearedNanos).toMillis();
  }

  /**
   * Stops the senders, waits until everything acknowledged is delivered and stored, checks the
   * guarantee and reports.
   */
  void finish(String scenario, String notes) {
    traffic.stop();
    phase("traffic stopped");
    await().atMost(CONVERGE).until(ledger::allDelivered);
    phase("all delivered");
    await().atMost(CONVERGE).until(() -> ledger.allStored(cluster.store()));
    phase("all stored");
    ledger.check(cluster.store());
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
    Results.report(
        scenario,
        ledger,
        notes
            + "; "
            + traffic.failedAttempts()
            + " send attempts failed and were retried; "
            + seconds
            + " s");
  }

  @Override
  public void close() {
    traffic.close();
    cluster.close();
    phase("closed");
  }
}
