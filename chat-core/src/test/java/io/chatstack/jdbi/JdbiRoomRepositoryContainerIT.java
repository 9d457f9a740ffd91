package io.chatstack.jdbi;

import com.mysql.cj.jdbc.MysqlDataSource;
import io.chatstack.core.RoomRepository;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The contract against a real MySQL 8 in a container; skipped (reported by JUnit) without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class JdbiRoomRepositoryContainerIT extends JdbiRoomRepositoryChecks {
  @Container private static final MySQLContainer<?> MYSQL = new MySQLContainer<>("mysql:8.4");

  private static RoomRepository repository;

  @BeforeAll
  static void connect() {
    MysqlDataSource dataSource = new MysqlDataSource();
    dataSource.setURL(MYSQL.getJdbcUrl());
    dataSource.setUser(MYSQL.getUsername());
    dataSource.setPassword(MYSQL.getPassword());
    repository =
        JdbiRoomRepository.builder(dataSource).initializeSchema(InitializeSchema.ALWAYS).build();
  }

  @Override
  protected RoomRepository repository() {
    return repository;
  }
}
