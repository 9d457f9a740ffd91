package io.chatstack.examples.baseline.kafka;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Benchmark baseline with the seed's architecture: the STOMP handler produces each message to Kafka
 * topic {@code chat-messages} (key = room id); one {@code @KafkaListener} consumer group stores it
 * in MongoDB ({@code chat_messages}) and then broadcasts it on Spring's SimpleBroker.
 */
@SpringBootApplication
public class BaselineSpringKafkaApplication {
  /** Starts the server; {@code --server.port=...} overrides the default port 8082. */
  public static void main(String[] args) {
    SpringApplication.run(BaselineSpringKafkaApplication.class, args);
  }
}
