package io.chatstack.loadtest;

import io.chatstack.testkit.ServicesProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

/**
 * The benchmark's backing services in a JVM of their own, so the servers under test do not share a
 * heap or GC with them: an in-process Kafka broker and MongoDB wire server; the MySQL database
 * {@code <database>} on MariaDB (127.0.0.1:3306, root) is dropped and recreated.
 *
 * <p>Usage: {@code services <settings-file> [database]}. Writes {@code BENCH_KAFKA=...}, {@code
 * BENCH_MONGO=...} and {@code BENCH_JDBC=...} lines once ready, then runs until killed.
 */
final class BenchServices {
  private BenchServices() {}

  static void run(Path settings, String database) throws Exception {
    String server = "jdbc:mysql://127.0.0.1:3306/?user=root";
    try (Connection c = DriverManager.getConnection(server);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database);
      s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
    }
    ServicesProcess.serveUntilShutdown(
        settings,
        (kafka, mongo) ->
            List.of(
                "BENCH_KAFKA=" + kafka.bootstrapServers(),
                "BENCH_MONGO=" + mongo.connectionString(),
                "BENCH_JDBC=jdbc:mysql://127.0.0.1:3306/" + database + "?user=root"));
  }
}
