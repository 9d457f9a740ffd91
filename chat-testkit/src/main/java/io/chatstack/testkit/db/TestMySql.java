package io.chatstack.testkit.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Objects;

/**
 * A MySQL-compatible database chosen for this test run by {@link TestDatabases#mysql()}.
 * Thread-safe (immutable).
 *
 * @param host server host
 * @param port server port
 * @param database schema to work in (exists)
 * @param parameters JDBC URL parameters, starting with {@code ?}
 * @param username user to log in as
 * @param password password, possibly empty
 * @param description which source was used, for the run's output
 */
public record TestMySql(
    String host,
    int port,
    String database,
    String parameters,
    String username,
    String password,
    String description) {

  /** Parameters used unless the URL from the environment brings its own. */
  static final String DEFAULT_PARAMETERS =
      "?useSSL=false&allowPublicKeyRetrieval=true&connectTimeout=5000";

  public TestMySql {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(username, "username");
    parameters = parameters == null || parameters.isEmpty() ? DEFAULT_PARAMETERS : parameters;
    password = password == null ? "" : password;
  }

  /** JDBC URL of the database. */
  public String jdbcUrl() {
    return jdbcUrl(host, port);
  }

  /** JDBC URL of the same database reached through another address, e.g. a proxy in front of it. */
  public String jdbcUrl(String viaHost, int viaPort) {
    return "jdbc:mysql://" + viaHost + ":" + viaPort + "/" + database + parameters;
  }

  /**
   * A new connection pool (HikariCP) to this database; the caller closes it. Use {@link
   * TestDatabases#mysqlDataSource()} for the pool shared by the whole run.
   */
  public HikariDataSource newDataSource(
      String jdbcUrl, int maxPoolSize, long connectionTimeoutMillis) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(username);
    config.setPassword(password);
    config.setMaximumPoolSize(maxPoolSize);
    config.setConnectionTimeout(connectionTimeoutMillis);
    config.setPoolName("chatstack-test-" + port);
    return new HikariDataSource(config);
  }
}
