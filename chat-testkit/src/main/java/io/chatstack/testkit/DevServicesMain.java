package io.chatstack.testkit;

import io.chatstack.testkit.db.TestDatabases;
import io.chatstack.testkit.db.TestMySql;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Runs chatstack's backing services in a process of their own, so chat servers can be stopped and
 * restarted against the same data (as in production, where Kafka and the databases outlive a chat
 * node): an in-process Kafka broker, an in-process MongoDB wire server and the test MySQL database
 * chosen by {@link TestDatabases#mysql()}.
 *
 * <p>Usage: {@code DevServicesMain <settings-file>}. Once everything is up it writes the settings
 * as {@code KEY=value} lines ({@code CHATSTACK_KAFKA_BOOTSTRAP_SERVERS}, {@code
 * CHATSTACK_MONGO_URI}, {@code CHATSTACK_JDBC_URL}, {@code CHATSTACK_JDBC_USERNAME}, {@code
 * CHATSTACK_JDBC_PASSWORD}) to the file, then runs until killed.
 */
public final class DevServicesMain {
  private DevServicesMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: DevServicesMain <settings-file>");
      System.exit(2);
    }
    TestMySql mysql = TestDatabases.mysql();
    String jdbcUrl = freshDatabase(mysql, "chatstack_e2e");
    ServicesProcess.serveUntilShutdown(
        Path.of(args[0]),
        (kafka, mongo) ->
            List.of(
                "CHATSTACK_KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers(),
                "CHATSTACK_MONGO_URI=" + mongo.connectionString(),
                "CHATSTACK_JDBC_URL=" + jdbcUrl,
                "CHATSTACK_JDBC_INITIALIZE_SCHEMA=always",
                "CHATSTACK_JDBC_USERNAME=" + mysql.username(),
                "CHATSTACK_JDBC_PASSWORD=" + mysql.password()));
  }

  /** Drops and recreates {@code name} next to the test database; returns its JDBC URL. */
  private static String freshDatabase(TestMySql mysql, String name) {
    try (Connection c =
            DriverManager.getConnection(mysql.jdbcUrl(), mysql.username(), mysql.password());
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + name + ": " + e.getMessage(), e);
    }
    return mysql.jdbcUrl().replace("/" + mysql.database() + "?", "/" + name + "?");
  }
}
