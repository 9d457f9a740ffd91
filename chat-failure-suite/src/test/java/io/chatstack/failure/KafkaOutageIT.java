package io.chatstack.failure;

import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;

/**
 * The Kafka broker stops mid-stream and restarts on the same port and log: sends fail cleanly
 * meanwhile (and are retried with the same clientMsgId), then everything resumes with nothing
 * acknowledged lost and no duplicate.
 */
class KafkaOutageIT {
  @Test
  void brokerStopAndRestartLosesNothingAcknowledged() {
    int phase = Profile.pick(150, 5_000);
    try (TwoNodeChat chat = new TwoNodeChat("kafka-outage", Profile.pick(3, 10), 2)) {
      chat.startTraffic(0);
      chat.awaitAcks(phase);
      long stopped = System.nanoTime();
      chat.cluster.kafka.stopBroker();
      // the outage is visible: sends fail (after the node's 5 s send timeout) and are retried
      await().atMost(TwoNodeChat.CONVERGE).until(() -> chat.traffic.failedAttempts() > 0);
      long outageMillis = (System.nanoTime() - stopped) / 1_000_000;
      long cleared = System.nanoTime();
      chat.cluster.kafka.startBroker();
      long recoveryMillis = chat.awaitRecovery(cleared);
      chat.awaitAcks(chat.ledger.acks() + phase);
      chat.finish(
          "Kafka broker stop and restart",
          "outage "
              + outageMillis
              + " ms; recovery "
              + recoveryMillis
              + " ms from restart to"
              + " every subscriber caught up");
    }
  }
}
