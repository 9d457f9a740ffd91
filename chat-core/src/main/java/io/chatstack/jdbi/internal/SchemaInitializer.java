package io.chatstack.jdbi.internal;

import io.chatstack.jdbi.InitializeSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs the shipped schema script when {@link InitializeSchema} asks for it. Stateless, thread-safe.
 */
public final class SchemaInitializer {
  /**
   * Classpath location of the script, also documented for users who manage their schema themselves.
   */
  public static final String SCRIPT = "/io/chatstack/jdbi/schema-mysql.sql";

  private static final Set<String> EMBEDDED_PRODUCTS =
      Set.of("h2", "hsql database engine", "apache derby");

  private SchemaInitializer() {}

  /** Applies the script when {@code mode} says so; returns whether it ran. */
  public static boolean initialize(Jdbi jdbi, InitializeSchema mode) {
    if (mode == InitializeSchema.NEVER) {
      return false;
    }
    return jdbi.withHandle(
        handle -> {
          if (mode == InitializeSchema.EMBEDDED && !isEmbedded(handle)) {
            return false;
          }
          for (String statement : statements()) {
            handle.execute(statement);
          }
          return true;
        });
  }

  static boolean isEmbedded(Handle handle) {
    String product;
    String url;
    try {
      DatabaseMetaData meta = handle.getConnection().getMetaData();
      product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
      url = String.valueOf(meta.getURL()).toLowerCase(Locale.ROOT);
    } catch (SQLException e) {
      throw new ConnectionException(e);
    }
    // An H2 server reached over TCP is shared, not embedded.
    return EMBEDDED_PRODUCTS.contains(product)
        && !url.startsWith("jdbc:h2:tcp:")
        && !url.startsWith("jdbc:h2:ssl:");
  }

  /** The script's statements: comment lines dropped, split at semicolons that end a line. */
  static List<String> statements() {
    String script = read();
    StringBuilder clean = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        clean.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    for (String part : clean.toString().split(";\\s*\n")) {
      if (!part.isBlank()) {
        statements.add(part.strip());
      }
    }
    return statements;
  }

  private static String read() {
    try (InputStream in = SchemaInitializer.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(
            "schema script " + SCRIPT + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema script " + SCRIPT, e);
    }
  }
}
