package io.chatstack.devservices;

import io.chatstack.testkit.db.InProcessMongoServer;
import io.chatstack.testkit.kafka.EmbeddedKafka;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/** Starts the dev services and stops them again. */
final class DevServices {
  private static final Logger LOG = LoggerFactory.getLogger(DevServices.class);

  private DevServices() {}

  static void start(
      Environment environment,
      Map<String, Object> properties,
      List<AutoCloseable> started,
      boolean h2Present) {
    if (!environment.containsProperty("chatstack.kafka.bootstrap-servers")) {
      EmbeddedKafka kafka = EmbeddedKafka.start();
      started.add(kafka);
      properties.put("chatstack.kafka.bootstrap-servers", kafka.bootstrapServers());
      if (!environment.containsProperty("chatstack.kafka.partitions")) {
        properties.put("chatstack.kafka.partitions", 3);
      }
    }
    if (!environment.containsProperty("chatstack.mongo.uri")) {
      InProcessMongoServer mongo = InProcessMongoServer.start();
      started.add(mongo);
      properties.put("chatstack.mongo.uri", mongo.connectionString());
    }
    if (!environment.containsProperty("chatstack.jdbc.url")) {
      if (!h2Present) {
        throw new IllegalStateException(
            "chatstack dev services need com.h2database:h2 on the class path for rooms,"
                + " or set chatstack.jdbc.url");
      }
      properties.put(
          "chatstack.jdbc.url",
          "jdbc:h2:mem:chatstack-" + UUID.randomUUID() + ";MODE=MySQL;DB_CLOSE_DELAY=-1");
    }
  }

  static void closeAll(List<AutoCloseable> started) {
    List<AutoCloseable> reversed = new java.util.ArrayList<>(started);
    Collections.reverse(reversed);
    for (AutoCloseable closeable : reversed) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.warn("Stopping dev service {} failed", closeable, e);
      }
    }
    started.clear();
  }
}
