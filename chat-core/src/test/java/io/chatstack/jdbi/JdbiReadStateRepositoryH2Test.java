package io.chatstack.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ReadStateRepository;
import io.chatstack.core.ReadStateRepositoryContract;
import java.time.Instant;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The contract on H2 in MySQL mode, as dev services use it; the schema comes from EMBEDDED. */
class JdbiReadStateRepositoryH2Test extends ReadStateRepositoryContract {
  private static final JdbcDataSource DATA_SOURCE = JdbiRoomRepositoryH2Test.h2("read-state");
  private static final ReadStateRepository REPOSITORY =
      JdbiReadStateRepository.builder(DATA_SOURCE).build();

  @Override
  protected ReadStateRepository repository() {
    return REPOSITORY;
  }

  @Test
  void sharesTheSchemaWithTheRoomRepository() {
    JdbcDataSource shared = JdbiRoomRepositoryH2Test.h2("read-state-shared");
    JdbiRoomRepository rooms = JdbiRoomRepository.builder(shared).build();
    ReadStateRepository reads =
        JdbiReadStateRepository.builder(shared).initializeSchema(InitializeSchema.NEVER).build();
    long room = rooms.create("general", "alice", Instant.now()).id();
    assertThat(reads.advance(room, "alice", 4)).isEqualTo(4);
    assertThat(reads.find(room, "alice")).isEqualTo(4);
  }
}
