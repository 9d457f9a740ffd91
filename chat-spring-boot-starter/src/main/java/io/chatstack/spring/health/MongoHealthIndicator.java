package io.chatstack.spring.health;

import io.chatstack.spring.mongo.ChatMongoClient;
import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** UP when chatstack's MongoDB answers a ping. Thread-safe. */
final class MongoHealthIndicator extends AbstractHealthIndicator {
  private final ChatMongoClient client;

  MongoHealthIndicator(ChatMongoClient client) {
    super("MongoDB health check failed");
    this.client = client;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    client.client().getDatabase("admin").runCommand(new Document("ping", 1));
    builder.up();
  }
}
