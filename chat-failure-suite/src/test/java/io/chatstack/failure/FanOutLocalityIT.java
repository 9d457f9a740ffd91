package io.chatstack.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chatstack.client.ChatClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement (soak profile only): two node processes read the same log; node A has subscribers
 * for every room, node B for 10 % of the traffic (2 of 20 rooms). Prints each node's fan-out thread
 * CPU over the same window and their ratio (the target of docs/scaling.md: B at most 30 % of A).
 * Asserts only what is exact: A parses every record it reads, B about a tenth.
 */
class FanOutLocalityIT {
  @TempDir Path stats;

  @Test
  void aNodePaysForItsOwnRoomsNotTheWholeClusters() throws Exception {
    assumeTrue(Profile.SOAK, "a measurement: runs in the soak profile (-Pfailure-soak)");
    // -Dlocality.senders and -Dlocality.rate (per sender, 0: as fast as acknowledgements come)
    int senders = Integer.getInteger("locality.senders", 2);
    int rate = Integer.getInteger("locality.rate", 200);
    int window = Integer.getInteger("locality.window", 12_000); // acknowledged sends measured
    try (Cluster cluster = new Cluster("fanout-locality")) {
      cluster.nodeSetting("node.statsDir", stats.toString()).nodeSetting("jit", "full");
      String linger = System.getProperty("locality.persisterLingerMillis");
      if (linger != null) {
        cluster.nodeSetting("node.persisterLingerMillis", linger);
      }
      List<NodeProcess> nodes = cluster.startNodes("a", "b");
      NodeProcess a = nodes.get(0);
      NodeProcess b = nodes.get(1);
      Ledger ledger = new Ledger();
      ChatClient creator = cluster.client("creator", List.of(a.uri()));
      List<Long> rooms = Rooms.create(creator, "locality", 20);
      ChatClient readerA1 = cluster.client("reader-a1", List.of(a.uri()));
      ChatClient readerA2 = cluster.client("reader-a2", List.of(a.uri()));
      ChatClient readerB = cluster.client("reader-b", List.of(b.uri()));
      Rooms.joinAndSubscribe(readerA1, "reader-a1", rooms, ledger);
      Rooms.joinAndSubscribe(readerA2, "reader-a2", rooms, ledger);
      Rooms.joinAndSubscribe(readerB, "reader-b", rooms.subList(0, 2), ledger);
      List<ChatClient> senderClients = new ArrayList<>();
      for (int i = 0; i < senders; i++) {
        ChatClient sender = cluster.client("sender" + i, List.of(a.uri()));
        rooms.forEach(sender::join);
        senderClients.add(sender);
      }
      long w0;
      long w1;
      long[] a0;
      long[] b0;
      long[] a1;
      long[] b1;
      try (Traffic traffic = new Traffic(ledger)) {
        senderClients.forEach(sender -> traffic.sender(sender, rooms, rate, 200));
        await().atMost(Duration.ofMinutes(2)).until(() -> ledger.acks() >= 2_000); // warm-up
        w0 = System.nanoTime();
        a0 = NodeStatsFile.read(stats, "fanout-locality-a");
        b0 = NodeStatsFile.read(stats, "fanout-locality-b");
        int start = ledger.acks();
        await().atMost(Duration.ofMinutes(10)).until(() -> ledger.acks() >= start + window);
        w1 = System.nanoTime();
        a1 = NodeStatsFile.read(stats, "fanout-locality-a");
        b1 = NodeStatsFile.read(stats, "fanout-locality-b");
      }
      await().atMost(Duration.ofSeconds(60)).until(ledger::allDelivered);
      long cpuA = NodeStatsFile.since(a0, a1, NodeStatsFile.FANOUT_CPU);
      long cpuB = NodeStatsFile.since(b0, b1, NodeStatsFile.FANOUT_CPU);
      long readA = NodeStatsFile.since(a0, a1, NodeStatsFile.RECORDS_READ);
      long readB = NodeStatsFile.since(b0, b1, NodeStatsFile.RECORDS_READ);
      long parsedA = NodeStatsFile.since(a0, a1, NodeStatsFile.RECORDS_PARSED);
      long parsedB = NodeStatsFile.since(b0, b1, NodeStatsFile.RECORDS_PARSED);
      String summary =
          String.format(
              Locale.ROOT,
              "fan-out thread CPU: A %.2f s for %,d records (%,d parsed, %.1f µs/record), B %.2f s"
                  + " for %,d records (%,d parsed, %.1f µs/record); B/A = %.0f %%; process CPU A"
                  + " %.2f s, B %.2f s; persister threads A+B %.1f µs/record",
              cpuA / 1e9,
              readA,
              parsedA,
              cpuA / 1e3 / Math.max(1, readA),
              cpuB / 1e9,
              readB,
              parsedB,
              cpuB / 1e3 / Math.max(1, readB),
              100.0 * cpuB / Math.max(1, cpuA),
              NodeStatsFile.since(a0, a1, NodeStatsFile.PROCESS_CPU) / 1e9,
              NodeStatsFile.since(b0, b1, NodeStatsFile.PROCESS_CPU) / 1e9,
              (NodeStatsFile.since(a0, a1, NodeStatsFile.PERSISTER_CPU)
                      + NodeStatsFile.since(b0, b1, NodeStatsFile.PERSISTER_CPU))
                  / 1e3
                  / Math.max(1, readA));
      Results.report(
          String.format(
              Locale.ROOT,
              "fan-out locality (2 nodes, B serves 2 of 20 rooms, %.0f msg/s)",
              readA * 1e9 / Math.max(1, w1 - w0)),
          ledger,
          summary);
      assertThat(readA).isGreaterThanOrEqualTo(window);
      assertThat(parsedA).isEqualTo(readA);
      assertThat(parsedB).isBetween(readB / 20, readB * 3 / 20);
    }
  }
}
