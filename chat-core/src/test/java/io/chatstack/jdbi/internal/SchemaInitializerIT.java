package io.chatstack.jdbi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.Room;
import io.chatstack.core.RoomVisibility;
import io.chatstack.jdbi.InitializeSchema;
import io.chatstack.jdbi.JdbiRoomRepository;
import io.chatstack.testkit.db.TestDatabases;
import io.chatstack.testkit.db.TestMySql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * initialize-schema modes and the versioned migrations on a server database (the run's MariaDB or
 * MySQL) and an embedded one (H2), including a database made by chatstack 0.1's schema script.
 */
class SchemaInitializerIT {

  /** chatstack 0.1's schema-mysql.sql, as existing databases have it. */
  private static final List<String> SCHEMA_0_1 =
      List.of(
          "CREATE TABLE chat_rooms (id BIGINT NOT NULL AUTO_INCREMENT, name VARCHAR(255) NOT NULL,"
              + " created_by VARCHAR(255) NOT NULL, created_at DATETIME(6) NOT NULL, PRIMARY KEY"
              + " (id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
          "CREATE TABLE chat_room_participants (room_id BIGINT NOT NULL, username VARCHAR(255) NOT"
              + " NULL, PRIMARY KEY (room_id, username), KEY idx_chat_room_participants_username"
              + " (username, room_id), CONSTRAINT fk_chat_room_participants_room FOREIGN KEY"
              + " (room_id) REFERENCES chat_rooms (id) ON DELETE CASCADE) ENGINE=InnoDB DEFAULT"
              + " CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
          "INSERT INTO chat_rooms (name, created_by, created_at) VALUES ('old', 'alice',"
              + " '2025-01-01 00:00:00.000000')",
          "INSERT INTO chat_room_participants (room_id, username) SELECT id, 'alice' FROM"
              + " chat_rooms WHERE name = 'old'");

  private static JdbcDataSource freshH2(String name) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(
        "jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";MODE=MySQL;DB_CLOSE_DELAY=-1");
    return dataSource;
  }

  @Test
  void embeddedModeRunsOnH2ButNotOnMySql() {
    assertThat(SchemaInitializer.initialize(freshH2("embedded"), InitializeSchema.EMBEDDED))
        .isTrue();
    assertThat(
            SchemaInitializer.initialize(
                TestDatabases.mysqlDataSource(), InitializeSchema.EMBEDDED))
        .isFalse();
  }

  @Test
  void alwaysIsIdempotentOnMySqlAndRecordsEveryVersion() {
    DataSource dataSource = TestDatabases.mysqlDataSource();
    assertThat(SchemaInitializer.initialize(dataSource, InitializeSchema.ALWAYS)).isTrue();
    assertThat(SchemaInitializer.initialize(dataSource, InitializeSchema.ALWAYS)).isTrue();
    assertThat(appliedVersions(dataSource)).contains("1", "2", "3");
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
  void aDatabaseOfTheOldScriptIsMigratedInPlaceOnH2() {
    migratesTheOldSchema(freshH2("old"));
  }

  @Test
  void aDatabaseOfTheOldScriptIsMigratedInPlaceOnMySql() {
    try (NewMySqlDatabase database = new NewMySqlDatabase("chatstack_migration_")) {
      migratesTheOldSchema(database.dataSource());
    }
  }

  /**
   * Nodes of a new deployment start together on an empty database: every one of them migrates, and
   * none fails on finding the schema history table that another has just created (Flyway's baseline
   * check races the other's table creation).
   */
  @Test
  void nodesStartingTogetherOnAnEmptyMySqlDatabaseAllMigrate() throws Exception {
    int nodes = 4;
    for (int round = 0; round < 12; round++) {
      long stagger = round * 2L;
      ExecutorService threads = Executors.newFixedThreadPool(nodes);
      try (NewMySqlDatabase database = new NewMySqlDatabase("chatstack_together_")) {
        CyclicBarrier start = new CyclicBarrier(nodes);
        List<Future<Boolean>> started = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
          DataSource dataSource = database.dataSource();
          long delay = i * stagger;
          started.add(
              threads.submit(
                  () -> {
                    start.await();
                    Thread.sleep(delay);
                    return SchemaInitializer.initialize(dataSource, InitializeSchema.ALWAYS);
                  }));
        }
        for (Future<Boolean> node : started) {
          assertThat(node.get(60, TimeUnit.SECONDS)).isTrue();
        }
        // A node that baselined the new history table before another created it leaves a harmless
        // version 0 (version 1 creates only what is missing); every version is applied once.
        assertThat(appliedVersions(database.dataSource()))
            .isIn(List.of("1", "2", "3", "4"), List.of("0", "1", "2", "3", "4"));
      } finally {
        threads.shutdownNow();
      }
    }
  }

  /**
   * A database of its own on the run's MariaDB or MySQL, dropped on close with the data sources
   * made for it (two connections each, as a node's pool would open them).
   */
  private static final class NewMySqlDatabase implements AutoCloseable {
    private final TestMySql mysql = TestDatabases.mysql();
    private final String name;
    private final List<HikariDataSource> dataSources = new ArrayList<>();

    NewMySqlDatabase(String prefix) {
      name = prefix + System.nanoTime();
      Jdbi.create(TestDatabases.mysqlDataSource())
          .useHandle(h -> h.execute("CREATE DATABASE " + name));
    }

    /** A new pool on this database, as another node would have. */
    DataSource dataSource() {
      HikariDataSource dataSource =
          mysql.newDataSource(
              mysql.jdbcUrl().replace("/" + mysql.database() + "?", "/" + name + "?"), 2, 30_000);
      dataSources.add(dataSource);
      return dataSource;
    }

    @Override
    public void close() {
      dataSources.forEach(HikariDataSource::close);
      Jdbi.create(TestDatabases.mysqlDataSource())
          .useHandle(h -> h.execute("DROP DATABASE " + name));
    }
  }

  private static void migratesTheOldSchema(DataSource dataSource) {
    Jdbi.create(dataSource).useHandle(h -> SCHEMA_0_1.forEach(h::execute));
    JdbiRoomRepository repository =
        JdbiRoomRepository.builder(dataSource).initializeSchema(InitializeSchema.ALWAYS).build();
    Room old =
        repository.findAll().stream()
            .findFirst()
            .map(r -> r.id())
            .flatMap(repository::findById)
            .orElseThrow();
    assertThat(old.name()).isEqualTo("old");
    assertThat(old.visibility()).isEqualTo(RoomVisibility.PUBLIC);
    assertThat(old.participants()).containsExactly("alice");
    Room secret = repository.create("new", "bob", Instant.now(), RoomVisibility.PRIVATE);
    assertThat(repository.findById(secret.id()).orElseThrow().visibility())
        .isEqualTo(RoomVisibility.PRIVATE);
    // The adopted room keeps its creator as owner and gets the moderation columns and table (V4).
    assertThat(repository.findById(old.id()).orElseThrow().role("alice"))
        .contains(io.chatstack.core.RoomRole.OWNER);
    assertThat(repository.setModerator(old.id(), "alice", false)).isTrue();
    assertThat(appliedVersions(dataSource)).containsExactly("0", "1", "2", "3", "4");
  }

  private static List<String> appliedVersions(DataSource dataSource) {
    return java.util.Arrays.stream(
            org.flywaydb.core.Flyway.configure()
                .dataSource(dataSource)
                .locations(SchemaInitializer.LOCATION)
                .table(SchemaInitializer.HISTORY_TABLE)
                .load()
                .info()
                .applied())
        .map(m -> m.getVersion().getVersion())
        .toList();
  }
}
