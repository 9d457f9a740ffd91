package io.chatstack.kafka;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.chatstack.core.MessageStore;
import io.chatstack.mongo.MongoMessageStore;
import io.chatstack.testkit.db.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link KafkaMessagesMultiNodeChecks} with a shared MongoDB store (the test MongoDB: in-process
 * wire-protocol server, Testcontainers or {@code CHATSTACK_TEST_MONGO_URI}), in a database of its
 * own.
 */
class KafkaMessagesMultiNodeMongoIT extends KafkaMessagesMultiNodeChecks {
  private static MongoClient client;
  private static MessageStore store;

  @BeforeAll
  static void connect() {
    client = MongoClients.create(TestDatabases.mongo().connectionString());
    store = new MongoMessageStore(client.getDatabase("lifecycle_" + System.nanoTime()));
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  @Override
  protected MessageStore store() {
    return store;
  }
}
