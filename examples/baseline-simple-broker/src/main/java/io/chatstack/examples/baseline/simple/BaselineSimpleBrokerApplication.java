package io.chatstack.examples.baseline.simple;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Benchmark baseline: a plain Spring Boot STOMP server on Spring's in-memory SimpleBroker that
 * speaks chatstack's send/subscribe protocol. No Kafka, no database: a message goes from the
 * sender's SEND straight to the room's subscribers.
 */
@SpringBootApplication
public class BaselineSimpleBrokerApplication {
  /** Starts the server; {@code --server.port=...} overrides the default port 8081. */
  public static void main(String[] args) {
    SpringApplication.run(BaselineSimpleBrokerApplication.class, args);
  }
}
