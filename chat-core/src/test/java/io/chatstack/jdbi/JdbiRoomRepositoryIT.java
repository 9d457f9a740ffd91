package io.chatstack.jdbi;

import io.chatstack.core.RoomRepository;
import io.chatstack.testkit.db.TestDatabases;

/** The contract and the store-specific checks against the run's MySQL (local MariaDB here). */
class JdbiRoomRepositoryIT extends JdbiRoomRepositoryChecks {
  private static final RoomRepository REPOSITORY =
      JdbiRoomRepository.builder(TestDatabases.mysqlDataSource())
          .initializeSchema(InitializeSchema.ALWAYS)
          .build();

  @Override
  protected RoomRepository repository() {
    return REPOSITORY;
  }
}
