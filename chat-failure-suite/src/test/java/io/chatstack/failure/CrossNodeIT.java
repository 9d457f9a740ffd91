package io.chatstack.failure;

import static org.awaitility.Awaitility.await;

import io.chatstack.client.ChatClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two node processes, clients on each: every message reaches the subscribers on both nodes. */
class CrossNodeIT {
  @Test
  void everyAcknowledgedMessageReachesEverySubscriberOnEveryNodeOnce() {
    int perNode = Profile.pick(3, 10);
    int target = Profile.pick(400, 20_000);
    try (Cluster cluster = new Cluster("cross-node")) {
      List<NodeProcess> nodes = cluster.startNodes("a", "b");
      NodeProcess a = nodes.get(0);
      NodeProcess b = nodes.get(1);
      Ledger ledger = new Ledger();
      List<ChatClient> clients = new ArrayList<>();
      for (int i = 0; i < perNode * 2; i++) {
        NodeProcess node = i % 2 == 0 ? a : b;
        clients.add(cluster.client("user" + i, List.of(node.uri())));
      }
      List<Long> rooms = Rooms.create(clients.get(0), "cross", 2);
      for (int i = 0; i < clients.size(); i++) {
        Rooms.joinAndSubscribe(clients.get(i), "user" + i, rooms, ledger);
      }
      long start = System.nanoTime();
      try (Traffic traffic = new Traffic(ledger)) {
        clients.forEach(c -> traffic.sender(c, rooms, 0, 100));
        await().atMost(Duration.ofMinutes(5)).until(() -> ledger.acks() >= target);
      }
      await().atMost(Duration.ofSeconds(60)).until(ledger::allDelivered);
      await().atMost(Duration.ofSeconds(60)).until(() -> ledger.allStored(cluster.store()));
      long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      ledger.check(cluster.store());
      Results.report(
          "cross-node delivery (2 nodes, " + clients.size() + " clients, 2 rooms)",
          ledger,
          String.format("%.0f acked sends/s", ledger.acks() * 1000.0 / millis));
    }
  }
}
