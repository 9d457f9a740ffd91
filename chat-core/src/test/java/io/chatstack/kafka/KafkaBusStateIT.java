package io.chatstack.kafka;

import static io.chatstack.core.TestMessages.draft;
import static io.chatstack.core.TestMessages.freshRoomId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatUnavailableException;
import io.chatstack.testkit.kafka.EmbeddedKafka;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bus reports its own state: cluster health and persister lag, with its own admin client. */
class KafkaBusStateIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Test
  void healthNamesTheClusterItsBrokersAndTheTopic() {
    try (KafkaMessageBus bus =
        new KafkaMessageBus(KafkaMessageBusIT.config(kafka).build(), new FlakyStore())) {
      KafkaHealth health = bus.health();
      assertThat(health.clusterId()).isNotBlank();
      assertThat(health.nodes()).isEqualTo(1);
      assertThat(health.messagesTopic()).isEqualTo("chat-messages");
    }
  }

  @Test
  void persisterLagCountsWhatTheStoreDoesNotHaveYetAndFallsToZeroOnceStored() {
    FlakyStore store = new FlakyStore();
    KafkaChatConfig config =
        KafkaMessageBusIT.config(kafka)
            .messagesTopic("lag-" + freshRoomId())
            .persisterGroupId("lag-" + freshRoomId())
            .build();
    try (KafkaMessageBus bus = new KafkaMessageBus(config, store)) {
      assertThat(bus.persisterLag()).isZero();
      store.writesDown(true);
      long roomId = freshRoomId();
      for (int i = 0; i < 5; i++) {
        bus.publish(draft(roomId, "alice", "m" + i)).orTimeout(30, TimeUnit.SECONDS).join();
      }
      await().atMost(WAIT).until(() -> store.failedWrites() > 0);
      assertThat(bus.persisterLag()).isEqualTo(5);
      store.writesDown(false);
      await().atMost(WAIT).until(() -> bus.persisterLag() == 0);
      assertThat(store.count(roomId)).isEqualTo(5);
    }
  }

  @Test
  void aClusterThatStoppedAnsweringIsReportedWithinTheTimeout() {
    try (EmbeddedKafka other = EmbeddedKafka.start();
        KafkaMessageBus bus =
            new KafkaMessageBus(
                KafkaChatConfig.builder(other.bootstrapServers())
                    .sendTimeout(Duration.ofSeconds(2))
                    .build(),
                new FlakyStore())) {
      other.stopBroker();
      long start = System.nanoTime();
      assertThatThrownBy(bus::health).isInstanceOf(ChatUnavailableException.class);
      assertThatThrownBy(bus::persisterLag).isInstanceOf(ChatUnavailableException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }
  }
}
