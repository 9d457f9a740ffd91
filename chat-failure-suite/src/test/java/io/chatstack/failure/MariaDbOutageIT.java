package io.chatstack.failure;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatstack.client.ChatClient;
import io.chatstack.client.ChatClientException;
import io.chatstack.core.RoomSummary;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * MariaDB becomes unreachable mid-stream and comes back. The machine's MariaDB serves other builds,
 * so the outage is simulated by the TCP proxy the nodes reach it through: stopping it cuts every
 * pooled connection and refuses new ones, which is what a node sees when the database goes down.
 * Room operations (and sends, which look the room up) fail with a clear error meanwhile, then work
 * again; nothing acknowledged is lost or duplicated.
 */
class MariaDbOutageIT {
  @Test
  void roomOperationsFailCleanlyDuringTheOutageThenWork() {
    int phase = Profile.pick(150, 5_000);
    try (TwoNodeChat chat = new TwoNodeChat("mariadb-outage", Profile.pick(3, 10), 2)) {
      chat.startTraffic(0);
      chat.awaitAcks(phase);
      chat.cluster.mysqlProxy.stop();
      long stopped = System.nanoTime();
      ChatClient creator = chat.clients.get(1);
      assertThatThrownBy(() -> creator.createRoom("during-outage"))
          .isInstanceOf(ChatClientException.class)
          .hasMessageContaining("Room store (JDBC) failed during create room")
          .hasMessageContaining("check that the database is reachable");
      chat.phase("room creation refused");
      long outageMillis = (System.nanoTime() - stopped) / 1_000_000;
      chat.cluster.mysqlProxy.resume();
      long cleared = System.nanoTime();
      AtomicReference<RoomSummary> created = new AtomicReference<>();
      await()
          .atMost(TwoNodeChat.CONVERGE)
          .pollInterval(Duration.ofMillis(50))
          .ignoreExceptionsInstanceOf(ChatClientException.class)
          .until(() -> created.compareAndSet(null, creator.createRoom("after-outage")));
      long roomsBackMillis = (System.nanoTime() - cleared) / 1_000_000;
      long recoveryMillis = chat.awaitRecovery(cleared);
      // the new room works end to end
      ChatClient other = chat.clients.get(0);
      Rooms.joinAndSubscribe(creator, "user1", List.of(created.get().id()), chat.ledger);
      Rooms.joinAndSubscribe(other, "user0", List.of(created.get().id()), chat.ledger);
      chat.ledger.acked(creator.send(created.get().id(), "hello after the outage").join());
      chat.awaitAcks(chat.ledger.acks() + phase);
      chat.finish(
          "MariaDB outage (proxy stop) and return",
          "outage "
              + outageMillis
              + " ms; room creation works again "
              + roomsBackMillis
              + " ms and chat has caught up "
              + recoveryMillis
              + " ms after the return");
    }
  }
}
