package io.chatstack.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {
  @Test
  void withALingerThePersistersFetchWaitsForAFullBatchOrTheLinger() {
    assertThat(KafkaClients.persisterFetch(Duration.ofMillis(100)))
        .containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1024 * 1024)
        .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
  }

  @Test
  void withoutALingerAnEmptyFetchStillWaitsAtTheBrokerInsteadOfReturningAtOnce() {
    assertThat(KafkaClients.persisterFetch(Duration.ZERO))
        .containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1)
        .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
  }
}
