package io.chatstack.testkit.db;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one place that decides which MySQL and MongoDB servers tests use, shared by every module.
 *
 * <ul>
 *   <li>MySQL: {@code CHATSTACK_TEST_MYSQL_URL} (with optional {@code CHATSTACK_TEST_MYSQL_USER}
 *       and {@code CHATSTACK_TEST_MYSQL_PASSWORD}); else a Testcontainers MySQL 8 when Docker is
 *       present; else the local MariaDB on 127.0.0.1:3306 (root, no password), in database {@code
 *       chatstack_test} created on first use. When none is reachable the call fails with a message
 *       saying how to provide one: MySQL tests never skip silently.
 *   <li>MongoDB: {@code CHATSTACK_TEST_MONGO_URI}; else a Testcontainers MongoDB when Docker is
 *       present; else an {@link InProcessMongoServer}.
 * </ul>
 *
 * <p>Each choice is made once per JVM, printed once to stdout (prefix {@code [chatstack-testkit]}),
 * and kept until the JVM exits. Thread-safe.
 */
public final class TestDatabases {
  public static final String MYSQL_URL_ENV = "CHATSTACK_TEST_MYSQL_URL";
  public static final String MONGO_URI_ENV = "CHATSTACK_TEST_MONGO_URI";
  static final String LOCAL_DATABASE = "chatstack_test";

  private static final Lazy<TestMySql> MYSQL = new Lazy<>(TestDatabases::chooseMySql);
  private static final Lazy<HikariDataSource> MYSQL_POOL = new Lazy<>(TestDatabases::pool);
  private static final Lazy<TestMongo> MONGO = new Lazy<>(TestDatabases::chooseMongo);

  private TestDatabases() {}

  /** The MySQL-compatible database of this run. */
  public static TestMySql mysql() {
    return MYSQL.get();
  }

  /** A connection pool to {@link #mysql()}, shared by the whole run; do not close it. */
  public static HikariDataSource mysqlDataSource() {
    return MYSQL_POOL.get();
  }

  /** The MongoDB server of this run. */
  public static TestMongo mongo() {
    return MONGO.get();
  }

  private static HikariDataSource pool() {
    TestMySql mysql = mysql();
    try {
      return mysql.newDataSource(mysql.jdbcUrl(), 8, 30_000);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Cannot connect to the test MySQL, "
              + mysql.description()
              + ": "
              + e.getMessage()
              + ". Check that the server runs and "
              + MYSQL_URL_ENV
              + " (if set) is right.",
          e);
    }
  }

  private static TestMySql chooseMySql() {
    TestMySql chosen =
        env(MYSQL_URL_ENV)
            .map(
                url ->
                    MySqlUrl.parse(
                        url,
                        env("CHATSTACK_TEST_MYSQL_USER").orElse(null),
                        env("CHATSTACK_TEST_MYSQL_PASSWORD").orElse(null),
                        "from " + MYSQL_URL_ENV))
            .or(() -> Containers.available() ? Optional.of(Containers.mysql()) : Optional.empty())
            .orElseGet(() -> localMariaDb("127.0.0.1", 3306));
    announce("MySQL: " + chosen.description());
    return chosen;
  }

  static TestMySql localMariaDb(String host, int port) {
    String where = host + ":" + port;
    String url = "jdbc:mysql://" + where + "/" + TestMySql.DEFAULT_PARAMETERS;
    try (Connection c = DriverManager.getConnection(url, "root", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS " + LOCAL_DATABASE + " CHARACTER SET utf8mb4");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "No MySQL server for the tests: "
              + MYSQL_URL_ENV
              + " is not set, Docker is"
              + " not available, and the local MariaDB at "
              + where
              + " (user root, no password) is not reachable ("
              + e.getMessage()
              + "). Start it with `start-stop-daemon --start --oknodo --background --exec"
              + " /usr/sbin/mariadbd` (install it with `apt-get install mariadb-server`), or set "
              + MYSQL_URL_ENV
              + "=jdbc:mysql://host:3306/database?user=...&password=...",
          e);
    }
    return new TestMySql(
        host,
        port,
        LOCAL_DATABASE,
        null,
        "root",
        "",
        "local MariaDB at " + where + " (database " + LOCAL_DATABASE + ")");
  }

  private static TestMongo chooseMongo() {
    TestMongo chosen =
        env(MONGO_URI_ENV)
            .map(uri -> new TestMongo(uri, "from " + MONGO_URI_ENV))
            .or(() -> Containers.available() ? Optional.of(Containers.mongo()) : Optional.empty())
            .orElseGet(
                () -> {
                  InProcessMongoServer server = InProcessMongoServer.start();
                  Runtime.getRuntime()
                      .addShutdownHook(new Thread(server::close, "chatstack-test-mongo-stop"));
                  return new TestMongo(server.connectionString(), server.toString());
                });
    announce("MongoDB: " + chosen.description());
    return chosen;
  }

  private static Optional<String> env(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
  }

  private static void announce(String line) {
    System.out.println("[chatstack-testkit] " + line);
  }

  /** Computes a value once, on first use. */
  private static final class Lazy<T> {
    private final Supplier<T> supplier;
    private T value;

    Lazy(Supplier<T> supplier) {
      this.supplier = supplier;
    }

    synchronized T get() {
      if (value == null) {
        value = supplier.get();
      }
      return value;
    }
  }
}
