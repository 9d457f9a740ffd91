package io.chatstack.jdbi;

import io.chatstack.core.ReadStateRepository;
import io.chatstack.core.ReadStateRepositoryContract;
import io.chatstack.testkit.db.TestDatabases;

/** The contract against the run's MySQL (local MariaDB here); never skipped. */
class JdbiReadStateRepositoryIT extends ReadStateRepositoryContract {
  private static final ReadStateRepository REPOSITORY =
      JdbiReadStateRepository.builder(TestDatabases.mysqlDataSource())
          .initializeSchema(InitializeSchema.ALWAYS)
          .build();

  @Override
  protected ReadStateRepository repository() {
    return REPOSITORY;
  }
}
