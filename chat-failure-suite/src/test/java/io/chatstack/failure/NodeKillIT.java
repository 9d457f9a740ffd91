package io.chatstack.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.client.ChatClient;
import io.chatstack.kafka.internal.KafkaClients;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of a node mid-stream: its clients fail over to the other node, recover with since-seq and
 * re-send what was not acknowledged; nothing acknowledged is lost, nothing is duplicated.
 */
class NodeKillIT {
  @Test
  void clientsOfAKilledNodeFailOverAndLoseNothing() {
    int phase = Profile.pick(150, 5_000);
    // The persister group notices the dead node after session.timeout.ms (chatstack's default 10 s;
    // 6 s, the broker's minimum, in the quick profile): until then the partitions the dead node
    // persisted wait to be stored. Delivery does not wait for it.
    int sessionTimeout = Profile.pick(6_000, KafkaClients.PERSISTER_SESSION_TIMEOUT_MS);
    try (TwoNodeChat chat =
        new TwoNodeChat(
            "node-kill",
            Profile.pick(3, 10),
            2,
            c -> c.nodeSetting("kafka.sessionTimeoutMillis", Integer.toString(sessionTimeout)))) {
      chat.startTraffic(0);
      chat.awaitAcks(phase);
      long killed = System.nanoTime();
      chat.a.kill();
      assertThat(chat.a.isAlive()).isFalse();
      long recoveryMillis = chat.awaitRecovery(killed);
      await()
          .atMost(TwoNodeChat.CONVERGE)
          .until(() -> chat.onA.stream().allMatch(ChatClient::isConnected));
      chat.awaitAcks(chat.ledger.acks() + phase);
      chat.finish(
          "kill -9 of node a, its " + chat.onA.size() + " clients fail over to node b",
          "recovery "
              + recoveryMillis
              + " ms from kill to every subscriber caught up;"
              + " persister session timeout "
              + sessionTimeout
              + " ms");
    }
  }
}
