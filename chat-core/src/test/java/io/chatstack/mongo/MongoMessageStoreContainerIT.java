package io.chatstack.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.chatstack.core.MessageStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The contract and store checks against a real MongoDB in a container, where the explain check runs
 * for real; skipped (reported by JUnit) without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class MongoMessageStoreContainerIT extends MongoMessageStoreChecks {
  @Container private static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

  private static MongoClient client;
  private static MongoDatabase database;
  private static MessageStore store;

  @BeforeAll
  static void connect() {
    client = MongoClients.create(MONGO.getConnectionString());
    database = client.getDatabase("chatstack_test");
    store = storeOn(database);
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  @Override
  protected MongoDatabase database() {
    return database;
  }

  @Override
  protected MessageStore store() {
    return store;
  }
}
