package io.chatstack.jdbi.internal;

import io.chatstack.core.ChatUnavailableException;
import io.chatstack.jdbi.InitializeSchema;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings the room store's schema to the current version with Flyway when {@link InitializeSchema}
 * asks for it. The versioned migrations ship in {@value #LOCATION}; Flyway records what it applied
 * in its own table {@value #HISTORY_TABLE} (so a host's own Flyway history is not touched). A
 * database made by chatstack 0.1's script, or one that holds other tables, is baselined at version
 * 0 and then migrated: version 1 creates the tables only where they do not exist. Stateless,
 * thread-safe; concurrent starts of several nodes are serialized by Flyway's lock, and a start that
 * loses Flyway's race on an empty database (see {@code Migrations#ATTEMPTS}) tries again, up to
 * three attempts in all.
 */
public final class SchemaInitializer {
  /** Classpath folder of the migrations, also documented for users who apply them themselves. */
  public static final String LOCATION = "classpath:io/chatstack/jdbi/migration";

  /** Flyway's history table for chatstack's migrations. */
  public static final String HISTORY_TABLE = "chatstack_schema_history";

  private static final Set<String> EMBEDDED_PRODUCTS =
      Set.of("h2", "hsql database engine", "apache derby");

  private SchemaInitializer() {}

  /** Migrates when {@code mode} says so; returns whether it ran. */
  public static boolean initialize(DataSource dataSource, InitializeSchema mode) {
    if (mode == InitializeSchema.NEVER) {
      return false;
    }
    if (mode == InitializeSchema.EMBEDDED && !isEmbedded(dataSource)) {
      return false;
    }
    try {
      Class.forName("org.flywaydb.core.Flyway", false, SchemaInitializer.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "Migrating the room store needs Flyway: add org.flywaydb:flyway-core (and"
              + " org.flywaydb:flyway-mysql for MySQL/MariaDB), or set initialize-schema to never"
              + " and apply "
              + LOCATION
              + " yourself",
          e);
    }
    Migrations.run(dataSource);
    return true;
  }

  /** Kept apart so that Flyway's classes are loaded only when a migration runs. */
  private static final class Migrations {
    /**
     * Attempts before giving up. Nodes that start together on an empty database race in Flyway's
     * baseline check: one sees no history table, then a schema made non-empty by another node's new
     * history table, and fails with "already exists, and is empty". A second attempt finds the
     * table and waits for Flyway's lock like every other start.
     */
    static final int ATTEMPTS = 3;

    static void run(DataSource dataSource) {
      for (int attempt = 1; ; attempt++) {
        try {
          Flyway.configure(SchemaInitializer.class.getClassLoader())
              .dataSource(dataSource)
              .locations(LOCATION)
              .table(HISTORY_TABLE)
              .baselineOnMigrate(true)
              .baselineVersion("0")
              .load()
              .migrate();
          return;
        } catch (FlywayException e) {
          if (attempt == ATTEMPTS) {
            throw new ChatUnavailableException(
                "Room store schema migration failed: "
                    + e.getMessage()
                    + "; check that the database is reachable and the user may alter tables",
                e);
          }
          pause(attempt);
        }
      }
    }

    private static void pause(int attempt) {
      try {
        Thread.sleep(100L * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ChatUnavailableException("Room store schema migration interrupted", e);
      }
    }
  }

  static boolean isEmbedded(DataSource dataSource) {
    String product;
    String url;
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
      url = String.valueOf(meta.getURL()).toLowerCase(Locale.ROOT);
    } catch (SQLException e) {
      throw new org.jdbi.v3.core.ConnectionException(e);
    }
    // An H2 server reached over TCP is shared, not embedded.
    return EMBEDDED_PRODUCTS.contains(product)
        && !url.startsWith("jdbc:h2:tcp:")
        && !url.startsWith("jdbc:h2:ssl:");
  }
}
