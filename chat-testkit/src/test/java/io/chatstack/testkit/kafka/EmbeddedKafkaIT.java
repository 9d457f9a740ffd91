package io.chatstack.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaIT {

  @Test
  void acknowledgedRecordsSurviveABrokerRestartOnTheSamePort() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      String bootstrap = kafka.bootstrapServers();
      try (KafkaProducer<String, String> producer = producer(bootstrap)) {
        producer.send(new ProducerRecord<>("t", 0, "k", "before")).get(30, TimeUnit.SECONDS);
        kafka.stopBroker();
        assertThat(kafka.isBrokerRunning()).isFalse();
        kafka.startBroker();
        assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
        producer.send(new ProducerRecord<>("t", 0, "k", "after")).get(60, TimeUnit.SECONDS);
      }
      assertThat(readAll(bootstrap, 2)).containsExactly("before", "after");
    }
  }

  @Test
  void aClosedBrokerRefusesRestart() {
    EmbeddedKafka kafka = EmbeddedKafka.start();
    kafka.close();
    kafka.close();
    assertThatThrownBy(kafka::startBroker)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of("bootstrap.servers", bootstrap, "acks", "all", "delivery.timeout.ms", "60000"),
        new StringSerializer(),
        new StringSerializer());
  }

  private static List<String> readAll(String bootstrap, int expected) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", bootstrap),
            new StringDeserializer(),
            new StringDeserializer())) {
      TopicPartition tp = new TopicPartition("t", 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }
}
