package io.chatstack.jdbi.internal;

import io.chatstack.core.ChatException;
import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.InvalidInputException;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/**
 * Runs one repository operation, retrying it when the database chose it as a deadlock victim or
 * gave up waiting for a lock, and turning every other failure into a {@link ChatException}.
 * Thread-safe (immutable).
 */
public final class SqlFailures {
  /** MySQL/MariaDB: ER_LOCK_DEADLOCK, ER_LOCK_WAIT_TIMEOUT; H2: LOCK_TIMEOUT_1, DEADLOCK_1. */
  private static final Set<Integer> RETRYABLE_CODES = Set.of(1213, 1205, 50200, 40001);

  private final int maxAttempts;
  private final long baseBackoffMillis;

  public SqlFailures(int maxAttempts, long baseBackoffMillis) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    this.baseBackoffMillis = baseBackoffMillis;
  }

  /** Runs {@code action}; {@code operation} names it in error messages. */
  public <T> T run(String operation, Supplier<T> action) {
    for (int attempt = 1; ; attempt++) {
      try {
        return action.get();
      } catch (JdbiException e) {
        SQLException sql = sqlCause(e);
        if (sql == null || !isRetryable(sql) || attempt >= maxAttempts) {
          throw translate(operation, e, sql, attempt);
        }
        backOff(operation, attempt, e);
      }
    }
  }

  /** Whether the statement broke a unique or primary key (SQLState class 23). */
  public static boolean isDuplicateKey(JdbiException e) {
    SQLException sql = sqlCause(e);
    return sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("23");
  }

  static boolean isRetryable(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if (s instanceof SQLTransactionRollbackException
          || "40001".equals(s.getSQLState())
          || RETRYABLE_CODES.contains(s.getErrorCode())) {
        return true;
      }
    }
    return false;
  }

  private static ChatException translate(
      String operation, JdbiException e, SQLException sql, int attempts) {
    if (sql != null && "22001".equals(sql.getSQLState())) {
      return new InvalidInputException(
          "value-too-long",
          "Room store rejected "
              + operation
              + ": a value is longer than its column allows ("
              + sql.getMessage()
              + ")");
    }
    String reason =
        sql != null ? "SQLState " + sql.getSQLState() + ": " + sql.getMessage() : e.getMessage();
    String tries = attempts > 1 ? " after " + attempts + " attempts" : "";
    return new ChatUnavailableException(
        "Room store (JDBC) failed during "
            + operation
            + tries
            + " ("
            + reason
            + "); check that the database is reachable, the next call may succeed",
        e);
  }

  private void backOff(String operation, int attempt, JdbiException cause) {
    long millis = baseBackoffMillis * (1L << Math.min(attempt - 1, 6));
    long jitter = java.util.concurrent.ThreadLocalRandom.current().nextLong(millis + 1);
    try {
      Thread.sleep(millis + jitter);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new ChatUnavailableException("Interrupted while retrying " + operation, cause);
    }
  }

  private static SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return s;
      }
    }
    return null;
  }
}
