package io.chatstack.jdbi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.ChatUnavailableException;
import io.chatstack.jdbi.InitializeSchema;
import io.chatstack.jdbi.JdbiRoomRepository;
import io.chatstack.testkit.db.TestDatabases;
import java.time.Instant;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** initialize-schema modes on a server database (the run's MySQL) and an embedded one (H2). */
class SchemaInitializerIT {

  private static JdbcDataSource freshH2(String name) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(
        "jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";MODE=MySQL;DB_CLOSE_DELAY=-1");
    return dataSource;
  }

  @Test
  void embeddedModeRunsOnH2ButNotOnMySql() {
    assertThat(
            SchemaInitializer.initialize(
                Jdbi.create(freshH2("embedded")), InitializeSchema.EMBEDDED))
        .isTrue();
    assertThat(
            SchemaInitializer.initialize(
                Jdbi.create(TestDatabases.mysqlDataSource()), InitializeSchema.EMBEDDED))
        .isFalse();
  }

  @Test
  void alwaysIsIdempotentOnMySql() {
    Jdbi jdbi = Jdbi.create(TestDatabases.mysqlDataSource());
    assertThat(SchemaInitializer.initialize(jdbi, InitializeSchema.ALWAYS)).isTrue();
    assertThat(SchemaInitializer.initialize(jdbi, InitializeSchema.ALWAYS)).isTrue();
    long participants =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM chat_room_participants")
                    .mapTo(Long.class)
                    .one());
    assertThat(participants).isNotNegative();
  }

  @Test
  void neverLeavesTheDatabaseAloneSoMissingTablesSurfaceAsUnavailable() {
    JdbiRoomRepository repository =
        JdbiRoomRepository.builder(freshH2("never"))
            .initializeSchema(InitializeSchema.NEVER)
            .build();
    assertThatThrownBy(() -> repository.create("r", "alice", Instant.now()))
        .isInstanceOf(ChatUnavailableException.class)
        .hasMessageContaining("create room")
        .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("chat_rooms"));
  }

  @Test
  void theScriptSplitsIntoItsCreateStatements() {
    assertThat(SchemaInitializer.statements())
        .hasSize(2)
        .allSatisfy(
            s -> assertThat(s).startsWith("CREATE TABLE IF NOT EXISTS").doesNotContain("--"));
  }
}
