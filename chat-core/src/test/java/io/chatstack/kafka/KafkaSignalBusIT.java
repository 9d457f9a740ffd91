package io.chatstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.Signal;
import io.chatstack.core.SignalBus;
import io.chatstack.core.SignalBusContract;
import io.chatstack.testkit.kafka.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SignalBus contract on a real broker, plus the topic's layout and the record format. */
class KafkaSignalBusIT extends SignalBusContract {
  private static EmbeddedKafka kafka;
  private String topic = "signals-" + UUID.randomUUID();

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  private KafkaChatConfig config() {
    return KafkaChatConfig.builder(kafka.bootstrapServers()).signalsTopic(topic).build();
  }

  @Override
  protected SignalBus createBus() {
    return new KafkaSignalBus(config());
  }

  @Override
  protected SignalBus createPeer() {
    return new KafkaSignalBus(config());
  }

  @Test
  void theTopicHasOnePartitionAndAMinuteOfRetention() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      TopicDescription description =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      assertThat(description.partitions()).hasSize(1);
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      assertThat(config.get("retention.ms").value()).isEqualTo("60000");
      assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
    }
  }

  @Test
  void anExistingTopicIsUsedAndMalformedRecordsAreSkipped() {
    List<Signal> received = new CopyOnWriteArrayList<>();
    try (SignalBus second = new KafkaSignalBus(config());
        KafkaProducer<String, String> producer =
            new KafkaProducer<>(
                Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
      second.subscribe(received::add);
      producer.send(new ProducerRecord<>(topic, "not json"));
      producer.send(
          new ProducerRecord<>(
              topic,
              new String(
                  "{\"kind\":\"ONLINE\",\"node\":\"other-language\",\"roomId\":0,\"user\":\"alice\",\"value\":0,\"users\":[]}"
                      .getBytes(StandardCharsets.UTF_8),
                  StandardCharsets.UTF_8)));
      producer.flush();
      await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 1);
      assertThat(received)
          .containsExactly(Signal.of(Signal.Kind.ONLINE, "other-language", 0, "alice", 0));
    }
  }
}
