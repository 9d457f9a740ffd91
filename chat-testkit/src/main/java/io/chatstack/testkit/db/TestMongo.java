package io.chatstack.testkit.db;

import java.util.Objects;

/**
 * The MongoDB server chosen for this test run by {@link TestDatabases#mongo()}. Thread-safe
 * (immutable).
 *
 * @param connectionString connection string for {@code MongoClients.create}
 * @param description which source was used, for the run's output
 */
public record TestMongo(String connectionString, String description) {
  public TestMongo {
    Objects.requireNonNull(connectionString, "connectionString");
    Objects.requireNonNull(description, "description");
  }
}
