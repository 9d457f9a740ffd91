package io.chatstack.jdbi;

import io.chatstack.core.RoomRepository;
import org.h2.jdbcx.JdbcDataSource;

/** The contract on H2 in MySQL mode, as dev services use it; the schema comes from EMBEDDED. */
class JdbiRoomRepositoryH2Test extends JdbiRoomRepositoryChecks {
  private static final RoomRepository REPOSITORY =
      JdbiRoomRepository.builder(h2("contract")).build();

  static JdbcDataSource h2(String name) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + name + ";MODE=MySQL;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    return dataSource;
  }

  @Override
  protected RoomRepository repository() {
    return REPOSITORY;
  }
}
