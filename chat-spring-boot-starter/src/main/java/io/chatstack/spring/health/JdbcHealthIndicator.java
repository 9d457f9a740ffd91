package io.chatstack.spring.health;

import io.chatstack.spring.jdbi.ChatDataSource;
import java.sql.Connection;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** UP when chatstack's room database hands out a valid connection within 5 s. Thread-safe. */
final class JdbcHealthIndicator extends AbstractHealthIndicator {
  private final ChatDataSource dataSource;

  JdbcHealthIndicator(ChatDataSource dataSource) {
    super("Room database health check failed");
    this.dataSource = dataSource;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    try (Connection connection = dataSource.dataSource().getConnection()) {
      if (connection.isValid(5)) {
        builder.up().withDetail("database", connection.getMetaData().getDatabaseProductName());
      } else {
        builder.down().withDetail("reason", "connection is not valid");
      }
    }
  }
}
