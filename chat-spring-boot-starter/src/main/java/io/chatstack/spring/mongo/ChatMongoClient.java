package io.chatstack.spring.mongo;

import com.mongodb.client.MongoClient;

/**
 * chatstack's own MongoDB client for message history, wrapped so it is not mistaken for the host
 * application's {@code MongoClient} bean. Closed with the application context.
 *
 * @param client the driver client
 */
public record ChatMongoClient(MongoClient client) implements AutoCloseable {
  @Override
  public void close() {
    client.close();
  }
}
