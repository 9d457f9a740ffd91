package io.chatstack.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.client.ChatClient;
import io.chatstack.client.ChatSubscription;
import io.chatstack.client.SignalListener;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.PresenceEvent;
import io.chatstack.core.ReadState;
import io.chatstack.core.RoomSummary;
import io.chatstack.core.TypingEvent;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Presence, typing and read state between node processes on Kafka's signal topic: presence
 * converges on two nodes, typing and read state cross nodes, the users of a node killed with kill
 * -9 go offline on the other within grace + lease, and a newly started node rebuilds the cluster's
 * presence within one lease.
 */
class SignalsIT {
  private static final Duration GRACE = Duration.ofSeconds(1);
  private static final Duration LEASE = Duration.ofSeconds(3);

  /** Process start-up, Kafka round trips and a loaded 2-core machine, on top of each bound. */
  private static final Duration SLACK = Duration.ofSeconds(10);

  @Test
  void presenceTypingAndReadStateAcrossNodesAndNodeDeath() throws Exception {
    try (Cluster cluster =
        new Cluster("signals")
            .nodeSetting("node.presenceGraceMillis", Long.toString(GRACE.toMillis()))
            .nodeSetting("node.presenceLeaseMillis", Long.toString(LEASE.toMillis()))) {
      List<NodeProcess> nodes = cluster.startNodes("a", "b");
      NodeProcess a = nodes.get(0);
      NodeProcess b = nodes.get(1);
      ChatClient alice = cluster.client("alice", List.of(a.uri()));
      ChatClient carol = cluster.client("carol", List.of(a.uri()));
      ChatClient bob = cluster.client("bob", List.of(b.uri()));
      ChatClient dave = cluster.client("dave", List.of(b.uri()));
      RoomSummary room = alice.createRoom("signals");
      long roomId = room.id();
      bob.join(roomId);
      carol.join(roomId);
      dave.join(roomId);

      // presence converges on both nodes
      OnlineSet onA = new OnlineSet();
      OnlineSet onB = new OnlineSet();
      carol.subscribePresence(roomId, onA);
      bob.subscribePresence(roomId, onB);
      Set<String> everyone = Set.of("alice", "bob", "carol", "dave");
      await().atMost(SLACK).until(() -> onA.names().equals(everyone));
      await().atMost(SLACK).until(() -> onB.names().equals(everyone));

      // typing crosses nodes
      List<TypingEvent> typingOnB = new CopyOnWriteArrayList<>();
      bob.subscribeTyping(roomId, (s, e) -> typingOnB.add(e));
      alice.typing(roomId, true);
      await().atMost(SLACK).until(() -> typingOnB.contains(new TypingEvent(roomId, "alice", true)));

      // read state syncs between two devices of one user on two nodes
      ChatClient alicesPhone = cluster.client("alice", List.of(b.uri()));
      List<ReadState> phoneStates = new CopyOnWriteArrayList<>();
      alicesPhone.subscribeReadState((s, e) -> phoneStates.add(e));
      ChatMessage fromBob = bob.send(roomId, "read me").get();
      await()
          .atMost(SLACK)
          .until(
              () ->
                  phoneStates.stream()
                      .anyMatch(st -> st.roomId() == roomId && st.unreadCount() == 1));
      ReadState marked = alice.markRead(roomId, fromBob.seq()).get();
      assertThat(marked.lastReadSeq()).isEqualTo(fromBob.seq());
      assertThat(marked.unreadCount()).isZero();
      await()
          .atMost(SLACK)
          .until(() -> phoneStates.contains(new ReadState(roomId, "alice", fromBob.seq(), 0)));

      // kill -9 of node b: bob and dave go offline on node a within grace + lease
      long killed = System.nanoTime();
      b.kill();
      await()
          .atMost(GRACE.plus(LEASE).plus(SLACK))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> onA.names().equals(Set.of("alice", "carol")));
      long offlineMillis = Duration.ofNanos(System.nanoTime() - killed).toMillis();
      assertThat(onA.offline).contains("bob", "dave");

      // a node started now rebuilds the cluster's presence within one lease
      NodeProcess c = cluster.startNode("c");
      long started = System.nanoTime();
      ChatClient carolsLaptop = cluster.client("carol", List.of(c.uri()));
      OnlineSet onC = new OnlineSet();
      carolsLaptop.subscribePresence(roomId, onC);
      await()
          .atMost(LEASE.plus(SLACK))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> onC.names().containsAll(Set.of("alice", "carol")));
      long rebuiltMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
      assertThat(onC.names()).doesNotContain("bob", "dave");

      Results.report(
          "signals (2 nodes + restart, grace "
              + GRACE.toMillis()
              + " ms, lease "
              + LEASE.toMillis()
              + " ms)",
          new Ledger(),
          "kill -9 to offline on the other node "
              + offlineMillis
              + " ms; new node's presence complete after "
              + rebuiltMillis
              + " ms");
    }
  }

  /** The online names of a room as a presence subscriber sees them. */
  private static final class OnlineSet implements SignalListener<PresenceEvent> {
    private final Set<String> online = new TreeSet<>();
    final List<String> offline = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void onEvent(ChatSubscription subscription, PresenceEvent event) {
      switch (event.type()) {
        case SNAPSHOT -> {
          online.clear();
          online.addAll(event.online());
        }
        case ONLINE -> online.add(event.user());
        case OFFLINE -> {
          online.remove(event.user());
          offline.add(event.user());
        }
      }
    }

    synchronized Set<String> names() {
      return Set.copyOf(online);
    }
  }
}
