package io.chatstack.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.client.ChatClient;
import io.chatstack.core.ChatMessage;
import io.chatstack.kafka.internal.KafkaClients;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 2,000 subscribers on one node; the node is killed (-9) while messages flow, and all of them
 * reconnect to the other node at once, each resuming with since-seq after the last message it saw:
 * every subscriber ends with every acknowledged message of its room exactly once, in order. The
 * subscribers are light raw STOMP clients sharing one JDK HttpClient ({@link RawStompClient}); a
 * room's subscribers log in as the room's creator, so nobody has to join 2,000 times.
 */
class ReconnectStormIT {
  @TempDir Path stats;

  @Test
  void twoThousandClientsReconnectAfterANodeKillAndMissNothing() throws Exception {
    int subscribers = Profile.pick(2_000, 5_000);
    int roomCount = 20;
    int phase = Profile.pick(100, 2_000);
    Duration converge = TwoNodeChat.CONVERGE;
    long started = System.nanoTime();
    ExecutorService httpThreads = Executors.newFixedThreadPool(4);
    ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor();
    HttpClient http = HttpClient.newBuilder().executor(httpThreads).build();
    List<RawStompClient> storm = new ArrayList<>();
    Ledger ledger = new Ledger();
    try (Cluster cluster =
            new Cluster("reconnect-storm")
                .nodeHeap("512m")
                .nodeSetting(
                    "kafka.sessionTimeoutMillis",
                    Integer.toString(
                        Profile.pick(6_000, KafkaClients.PERSISTER_SESSION_TIMEOUT_MS)))
                .nodeSetting("node.statsDir", stats.toString());
        Traffic traffic = new Traffic(ledger)) {
      List<NodeProcess> nodes = cluster.startNodes("a", "b");
      NodeProcess a = nodes.get(0);
      NodeProcess b = nodes.get(1);
      List<ChatClient> senders = new ArrayList<>();
      List<Long> rooms = new ArrayList<>();
      for (int r = 0; r < roomCount; r++) {
        ChatClient sender = cluster.client("storm" + r, List.of(b.uri(), a.uri()));
        senders.add(sender);
        rooms.add(sender.createRoom("storm-" + r).id());
      }
      Semaphore opening = new Semaphore(100);
      List<CompletableFuture<Void>> ready = new ArrayList<>();
      for (int i = 0; i < subscribers; i++) {
        int r = i % roomCount;
        RawStompClient client =
            new RawStompClient(
                http,
                List.of(a.uri(), b.uri()),
                "storm" + r,
                rooms.get(r),
                ledger.subscriber("raw" + i, rooms.get(r)),
                reconnects);
        storm.add(client);
        assertThat(opening.tryAcquire(60, TimeUnit.SECONDS)).as("connections opening").isTrue();
        ready.add(client.connect().whenComplete((v, e) -> opening.release()));
      }
      try {
        CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new))
            .get(converge.toSeconds(), TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        List<RawStompClient> stuck = storm.stream().filter(c -> !c.isSubscribed()).toList();
        stuck.forEach(RawStompClient::probe);
        try {
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> stuck.stream().allMatch(c -> c.phase().contains(", ")));
        } catch (ConditionTimeoutException unanswered) {
          // the phases say which probes went unanswered
        }
        throw new AssertionError(notAllSubscribed(storm), e);
      }
      long connectedMillis = (System.nanoTime() - started) / 1_000_000;
      System.out.printf(
          "[failure-suite] reconnect-storm: %d subscribers on node a after %d ms%n",
          subscribers, connectedMillis);

      for (int r = 0; r < roomCount; r++) {
        traffic.sender(senders.get(r), List.of(rooms.get(r)), 5, 100);
      }
      await().atMost(converge).until(() -> ledger.acks() >= phase);
      List<ChatMessage> beforeKill = ledger.ackedSnapshot();
      long[] b0 = NodeStatsFile.read(stats, "reconnect-storm-b");
      long killed = System.nanoTime();
      a.kill();
      try {
        await()
            .atMost(converge)
            .pollInterval(Duration.ofMillis(100))
            .until(
                () ->
                    storm.stream().allMatch(RawStompClient::isSubscribed)
                        && ledger.allDelivered(beforeKill));
      } catch (ConditionTimeoutException e) {
        throw new AssertionError(
            "after the kill: " + notAllSubscribed(storm) + "; " + ledger.undelivered(beforeKill),
            e);
      }
      long recoveryMillis = (System.nanoTime() - killed) / 1_000_000;
      System.out.printf(
          "[failure-suite] reconnect-storm: all re-subscribed on node b %d ms after the kill%n",
          recoveryMillis);
      // Every resumed subscription's replay came from node b's history tail of its room, not
      // from one store query per subscriber.
      long[] b1 = NodeStatsFile.read(stats, "reconnect-storm-b");
      long[] replayed =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () -> NodeStatsFile.read(stats, "reconnect-storm-b"),
                  s ->
                      NodeStatsFile.since(b0, s, NodeStatsFile.TAIL_HITS)
                              + NodeStatsFile.since(b0, s, NodeStatsFile.TAIL_MISSES)
                          >= subscribers);
      long tailHits = NodeStatsFile.since(b0, replayed, NodeStatsFile.TAIL_HITS);
      long tailMisses = NodeStatsFile.since(b0, replayed, NodeStatsFile.TAIL_MISSES);
      assertThat(tailMisses)
          .as(
              "replays node b answered from the store and log (their subscribers resumed from a"
                  + " seq older than the room's tail, e.g. because the recovery, %d ms, outlasted"
                  + " the tail's reach)",
              recoveryMillis)
          .isZero();
      assertThat(tailHits)
          .as("replays node b answered from its history tails")
          .isGreaterThanOrEqualTo(subscribers);
      double nodeBCpuSeconds = NodeStatsFile.since(b0, b1, NodeStatsFile.PROCESS_CPU) / 1e9;
      int acksAtRecovery = ledger.acks();
      await().atMost(converge).until(() -> ledger.acks() >= acksAtRecovery + phase);
      traffic.stop();
      await().atMost(converge).pollInterval(Duration.ofMillis(200)).until(ledger::allDelivered);
      await().atMost(converge).until(() -> ledger.allStored(cluster.store()));
      assertThat(storm).allMatch(c -> c.connects() >= 2, "reconnected at least once");
      ledger.check(cluster.store());
      Results.report(
          "reconnect storm: "
              + subscribers
              + " subscribers ("
              + roomCount
              + " rooms) on a killed node",
          ledger,
          "connected in "
              + connectedMillis
              + " ms; all re-subscribed on node b and caught up "
              + recoveryMillis
              + " ms after kill -9; node b's replays: "
              + tailHits
              + " from history tails, "
              + tailMisses
              + " from the store and log; node b's CPU from the kill to recovery "
              + String.format(Locale.ROOT, "%.1f", nodeBCpuSeconds)
              + " s; "
              + (System.nanoTime() - started) / 1_000_000_000
              + " s");
    } finally {
      storm.forEach(RawStompClient::close);
      reconnects.shutdownNow();
      httpThreads.shutdownNow();
    }
  }

  /** What the clients that are not subscribed saw: how many, and the ERROR frames' messages. */
  private static String notAllSubscribed(List<RawStompClient> storm) {
    long subscribed = storm.stream().filter(RawStompClient::isSubscribed).count();
    return subscribed
        + " of "
        + storm.size()
        + " subscribed; the others by phase: "
        + storm.stream()
            .filter(c -> !c.isSubscribed())
            .collect(Collectors.groupingBy(RawStompClient::phase, Collectors.counting()))
        + "; ERROR frames: "
        + storm.stream()
            .map(RawStompClient::error)
            .filter(Objects::nonNull)
            .collect(Collectors.groupingBy(m -> m, Collectors.counting()));
  }
}
