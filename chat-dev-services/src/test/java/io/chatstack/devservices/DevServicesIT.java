package io.chatstack.devservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageBus;
import io.chatstack.core.MessageStore;
import io.chatstack.core.Room;
import io.chatstack.core.RoomRepository;
import io.chatstack.jdbi.JdbiRoomRepository;
import io.chatstack.json.ChatJson;
import io.chatstack.kafka.KafkaMessageBus;
import io.chatstack.mongo.MongoMessageStore;
import io.chatstack.spring.metrics.MeteredMessageBus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * With dev services on, the app runs the real Kafka, Jdbi (H2) and MongoDB code paths with nothing
 * installed; REST and health go through them.
 */
// Closed right after the class: its backends (in-process Kafka, ...) must not stop only at JVM
// exit.
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "chatstack.dev-services.enabled=true",
      "management.endpoints.web.exposure.include=health",
      "management.endpoint.health.show-details=always"
    })
class DevServicesIT {
  @SpringBootApplication
  static class App {}

  @LocalServerPort int port;
  @Autowired ChatService chat;
  @Autowired RoomRepository rooms;
  @Autowired MessageStore store;
  @Autowired MessageBus bus;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;

  @Test
  void realBackendsAreWiredAndHealthy() throws Exception {
    assertThat(rooms).isInstanceOf(JdbiRoomRepository.class);
    assertThat(store).isInstanceOf(MongoMessageStore.class);
    assertThat(bus).isInstanceOf(MeteredMessageBus.class);
    assertThat(((MeteredMessageBus) bus).delegate()).isInstanceOf(KafkaMessageBus.class);

    Room room = chat.createRoom("dev", "alice");
    ChatMessage sent = chat.send(room.id(), "alice", "through kafka").join();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(chat.history(room.id(), HistoryQuery.latest(10)).messages())
                    .contains(sent));

    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode components = ChatJson.mapper().readTree(health.body()).get("components");
    assertThat(components.get("chatstackKafka").get("status").asText()).isEqualTo("UP");
    assertThat(components.get("chatstackJdbc").get("status").asText()).isEqualTo("UP");
    assertThat(components.get("chatstackMongo").get("status").asText()).isEqualTo("UP");

    // Once the persister stored everything, nothing is left in Kafka waiting for the store.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> assertThat(meters.get("chatstack.persister.lag").gauge().value()).isZero());
  }
}
