package io.chatstack.examples.baseline.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.testkit.db.InProcessMongoServer;
import io.chatstack.testkit.kafka.EmbeddedKafka;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A SEND goes through a real Kafka broker, is stored in MongoDB and reaches the room's subscriber,
 * stamped with the CONNECT login.
 */
// Closed right after the class, not by a shutdown hook at JVM exit: the in-process broker's threads
// stopping during the fork's exit ended it abnormally now and then (failsafe: "Error occurred in
// starting fork" after the test had passed).
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "logging.level.kafka=WARN",
      "logging.level.org.apache.kafka=WARN",
      "logging.level.state.change.logger=WARN"
    })
class SpringKafkaBaselineIT {
  /**
   * The broker and the MongoDB server are beans of the test's context, so they outlive the app's
   * Kafka consumers and Mongo client and close after them.
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class Servers {
    @Bean(destroyMethod = "close")
    EmbeddedKafka embeddedKafka() {
      return EmbeddedKafka.start();
    }

    @Bean(destroyMethod = "close")
    InProcessMongoServer inProcessMongo() {
      return InProcessMongoServer.start();
    }

    @Bean
    DynamicPropertyRegistrar serverAddresses(EmbeddedKafka kafka, InProcessMongoServer mongo) {
      return registry -> {
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
        registry.add("spring.mongodb.uri", () -> mongo.connectionString() + "/chat");
      };
    }
  }

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;

  @Test
  void sendIsStoredAndReachesTheSubscriberWithTheLoginAsSender() throws Exception {
    WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
    // Strings both ways; the SEND's content-type header says application/json.
    client.setMessageConverter(
        new StringMessageConverter() {
          @Override
          protected boolean supportsMimeType(MessageHeaders headers) {
            return true;
          }
        });
    StompHeaders connect = new StompHeaders();
    connect.setLogin("alice");
    connect.setHeartbeat(new long[] {0, 0});
    StompSession session =
        client
            .connectAsync(
                "ws://127.0.0.1:" + port + "/ws",
                new WebSocketHttpHeaders(),
                connect,
                new StompSessionHandlerAdapter() {})
            .get(30, TimeUnit.SECONDS);
    try {
      BlockingQueue<String> received = new LinkedBlockingQueue<>();
      session.subscribe(
          "/topic/chat/7",
          new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
              return String.class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
              received.add((String) payload);
            }
          });
      StompHeaders send = new StompHeaders();
      send.setDestination("/app/chat/send/7");
      send.setContentType(MimeTypeUtils.APPLICATION_JSON);
      String body = "{\"content\":\"hello 1732585200000\",\"clientMsgId\":\"c-1\"}";
      // Spring's inbound pool may handle a SEND before the SUBSCRIBE sent just before it (the
      // SimpleBroker has no receipts to wait for): send until the subscription delivers.
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                session.send(send, body);
                return !received.isEmpty();
              });

      JsonNode message = JsonMapper.shared().readTree(received.peek());
      assertThat(message.get("sender").asString()).isEqualTo("alice");
      assertThat(message.get("content").asString()).isEqualTo("hello 1732585200000");
      assertThat(message.get("roomId").asLong()).isEqualTo(7);
      assertThat(message.get("type").asString()).isEqualTo("CHAT");
      assertThat(message.get("clientMsgId").asString()).isEqualTo("c-1");
      assertThat(message.get("timestamp").asString()).endsWith("Z");

      // Stored before it was broadcast.
      Document stored = mongo.getCollection("chat_messages").find().first();
      assertThat(stored).isNotNull();
      assertThat(stored.getString("sender")).isEqualTo("alice");
      assertThat(stored.getString("content")).isEqualTo("hello 1732585200000");
      assertThat(stored.getLong("roomId")).isEqualTo(7L);
      assertThat(
              mongo
                  .getCollection("chat_messages")
                  .find(new Document("_id", message.get("id").asString()))
                  .first())
          .isNotNull();
    } finally {
      session.disconnect();
      client.stop();
    }
  }
}
