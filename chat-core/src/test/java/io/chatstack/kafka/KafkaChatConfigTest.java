package io.chatstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaChatConfigTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    KafkaChatConfig config = KafkaChatConfig.builder("localhost:9092").build();
    assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(config.messagesTopic()).isEqualTo("chat-messages");
    assertThat(config.eventsTopic()).isEqualTo("chat-events");
    assertThat(config.signalsTopic()).isEqualTo("chat-signals");
    assertThat(config.partitions()).isEqualTo(6);
    assertThat(config.eventPartitions()).isEqualTo(1);
    assertThat(config.replicationFactor()).isEmpty();
    assertThat(config.persisterGroupId()).isEqualTo("chatstack-persister");
    assertThat(config.nodeId()).startsWith("chatstack-");
    assertThat(config.sendTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.persisterBatchSize()).isEqualTo(500);
    assertThat(config.persisterLinger()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.persisterMinBackoff()).isEqualTo(Duration.ofMillis(200));
    assertThat(config.persisterMaxBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.dedupWindow()).isEqualTo(100_000);
    assertThat(config.deadLettersTopic()).isEqualTo("chat-dead-letters");
    assertThat(config.afterPersistMaxAttempts()).isEqualTo(5);
    assertThat(config.afterPersistInitialBackoff()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.afterPersistMaxBackoff()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.clientOverrides()).isEmpty();
  }

  @Test
  void overridesArePassedThrough() {
    KafkaChatConfig config =
        KafkaChatConfig.builder("k:1")
            .replicationFactor(3)
            .clientProperty("security.protocol", "SSL")
            .producerProperty("linger.ms", 5)
            .consumerProperty("fetch.max.wait.ms", 100)
            .build();
    assertThat(config.replicationFactor()).hasValue(3);
    assertThat(config.clientOverrides()).containsEntry("security.protocol", "SSL");
    assertThat(config.producerOverrides()).containsEntry("linger.ms", 5);
    assertThat(config.consumerOverrides()).containsEntry("fetch.max.wait.ms", 100);
  }

  @Test
  void invalidValuesAreRefusedClearly() {
    assertThatThrownBy(() -> KafkaChatConfig.builder(" "))
        .hasMessageContaining("bootstrapServers must not be blank");
    KafkaChatConfig.Builder b = KafkaChatConfig.builder("k:1");
    assertThatThrownBy(() -> b.partitions(0))
        .hasMessageContaining("partitions must be at least 1, was 0");
    assertThatThrownBy(() -> b.sendTimeout(Duration.ZERO))
        .hasMessageContaining("sendTimeout must be positive");
    assertThatThrownBy(() -> b.persisterBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("shorter than");
    assertThatThrownBy(() -> b.eventsTopic("chat-messages").build())
        .hasMessageContaining("must differ");
    assertThatThrownBy(() -> b.signalsTopic(""))
        .hasMessageContaining("signalsTopic must not be blank");
    assertThatThrownBy(() -> KafkaChatConfig.builder("k:1").signalsTopic("chat-messages").build())
        .hasMessageContaining("signalsTopic must differ");
    assertThatThrownBy(() -> KafkaChatConfig.builder("k:1").signalsTopic("chat-events").build())
        .hasMessageContaining("signalsTopic must differ");
    assertThat(KafkaChatConfig.builder("k:1").signalsTopic("s").build().signalsTopic())
        .isEqualTo("s");
  }

  @Test
  void persisterLingerIsBoundedAndShorterThanTheSendTimeout() {
    assertThat(
            KafkaChatConfig.builder("k:1")
                .persisterLinger(Duration.ofMillis(100))
                .build()
                .persisterLinger())
        .isEqualTo(Duration.ofMillis(100));
    KafkaChatConfig.Builder b = KafkaChatConfig.builder("k:1");
    assertThatThrownBy(() -> b.persisterLinger(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("persisterLinger must be between 0 and 30 seconds");
    assertThatThrownBy(() -> b.persisterLinger(Duration.ofSeconds(31)))
        .hasMessageContaining("persisterLinger must be between 0 and 30 seconds");
    assertThatThrownBy(() -> b.persisterLinger(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () ->
                KafkaChatConfig.builder("k:1")
                    .sendTimeout(Duration.ofSeconds(1))
                    .persisterLinger(Duration.ofSeconds(1))
                    .build())
        .hasMessageContaining("must be shorter than sendTimeout");
    assertThat(
            KafkaChatConfig.builder("k:1")
                .sendTimeout(Duration.ofMillis(80))
                .build()
                .persisterLinger())
        .as("the default linger gives way to a short send timeout")
        .isEqualTo(Duration.ofMillis(40));
  }

  @Test
  void afterPersistSettingsAreValidated() {
    KafkaChatConfig config =
        KafkaChatConfig.builder("k:1")
            .deadLettersTopic("dl")
            .afterPersistMaxAttempts(2)
            .afterPersistBackoff(Duration.ofMillis(10), Duration.ofMillis(20))
            .build();
    assertThat(config.deadLettersTopic()).isEqualTo("dl");
    assertThat(config.afterPersistMaxAttempts()).isEqualTo(2);
    assertThat(config.afterPersistMaxBackoff()).isEqualTo(Duration.ofMillis(20));
    KafkaChatConfig.Builder b = KafkaChatConfig.builder("k:1");
    assertThatThrownBy(() -> b.afterPersistMaxAttempts(0))
        .hasMessageContaining("afterPersistMaxAttempts must be at least 1");
    assertThatThrownBy(() -> b.afterPersistBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("afterPersistMaxBackoff PT1S is shorter");
    assertThatThrownBy(() -> b.deadLettersTopic("chat-messages").build())
        .hasMessageContaining("deadLettersTopic must differ");
  }
}
