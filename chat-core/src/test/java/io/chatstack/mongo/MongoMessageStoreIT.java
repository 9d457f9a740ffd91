package io.chatstack.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.chatstack.core.MessageStore;
import io.chatstack.testkit.db.TestDatabases;

/** The contract and store checks against the run's MongoDB (the in-process wire server here). */
class MongoMessageStoreIT extends MongoMessageStoreChecks {
  private static final MongoClient CLIENT =
      MongoClients.create(TestDatabases.mongo().connectionString());
  private static final MongoDatabase DATABASE = CLIENT.getDatabase("chatstack_test");
  private static final MessageStore STORE = storeOn(DATABASE);

  @Override
  protected MongoDatabase database() {
    return DATABASE;
  }

  @Override
  protected MessageStore store() {
    return STORE;
  }
}
