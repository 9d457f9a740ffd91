package io.chatstack.loadtest;

import io.chatstack.testkit.db.InProcessMongoServer;
import io.chatstack.testkit.kafka.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;

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
    EmbeddedKafka kafka = EmbeddedKafka.start();
    InProcessMongoServer mongo = InProcessMongoServer.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  mongo.close();
                  kafka.close();
                  stopped.countDown();
                }));
    Path partial = settings.resolveSibling(settings.getFileName() + ".tmp");
    Files.write(
        partial,
        List.of(
            "BENCH_KAFKA=" + kafka.bootstrapServers(),
            "BENCH_MONGO=" + mongo.connectionString(),
            "BENCH_JDBC=jdbc:mysql://127.0.0.1:3306/" + database + "?user=root"),
        StandardCharsets.UTF_8);
    Files.move(partial, settings, StandardCopyOption.ATOMIC_MOVE);
    System.out.println("bench services ready: " + kafka.bootstrapServers() + ", " + mongo);
    stopped.await();
  }
}
