package io.chatstack.jdbi;

import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.ReadState;
import io.chatstack.core.ReadStateRepository;
import io.chatstack.jdbi.internal.ReadStateSql;
import io.chatstack.jdbi.internal.SchemaInitializer;
import io.chatstack.jdbi.internal.SqlFailures;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * {@link ReadStateRepository} in MySQL 8, MariaDB 10.11+ or H2 in MySQL mode through Jdbi 3, in
 * table {@code chatstack_read_state} (primary key {@code (room_id, username)}).
 *
 * <p>The table comes from the same shipped Flyway migrations as {@link JdbiRoomRepository}'s
 * (version 3), applied at {@link Builder#build()} according to {@link InitializeSchema}. Use the
 * same data source and mode as the room repository: whichever is built first migrates, the second
 * finds the schema current and changes nothing (or pass {@link InitializeSchema#NEVER} to the
 * second to skip the check).
 *
 * <p>{@link #advance} is atomic across nodes without locks held between statements: a conditional
 * {@code UPDATE ... WHERE last_read_seq < ?} raises an existing row, an {@code INSERT} creates a
 * missing one, and an insert that loses a race on the primary key retries the update; then the
 * stored value is read back. Deadlocks and lock-wait timeouts are retried like in {@link
 * JdbiRoomRepository}; other failures surface as {@link ChatUnavailableException}.
 *
 * <p>Thread-safe. Holds no connection between calls; closing the data source is the caller's
 * responsibility.
 */
public final class JdbiReadStateRepository implements ReadStateRepository {
  private final Jdbi jdbi;
  private final SqlFailures failures;

  private JdbiReadStateRepository(Jdbi jdbi, SqlFailures failures) {
    this.jdbi = jdbi;
    this.failures = failures;
  }

  /** A builder for a repository over {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
  }

  @Override
  public long advance(long roomId, String username, long seq) {
    Objects.requireNonNull(username, "username");
    long target = Math.max(seq, ReadState.NOTHING_READ);
    return failures.run(
        "store read position in room " + roomId,
        () ->
            jdbi.withHandle(
                handle -> {
                  if (raise(handle, roomId, username, target) == 0) {
                    try {
                      update(handle, ReadStateSql.INSERT, roomId, username, target);
                    } catch (JdbiException e) {
                      if (!SqlFailures.isDuplicateKey(e)) {
                        throw e;
                      }
                      // Another call (on any node) created the row first: raise it instead.
                      raise(handle, roomId, username, target);
                    }
                  }
                  return find(handle, roomId, username);
                }));
  }

  @Override
  public long find(long roomId, String username) {
    Objects.requireNonNull(username, "username");
    return failures.run(
        "read position in room " + roomId,
        () -> jdbi.withHandle(handle -> find(handle, roomId, username)));
  }

  @Override
  public Map<Long, Long> findAll(String username) {
    Objects.requireNonNull(username, "username");
    return failures.run(
        "read positions of a user",
        () ->
            jdbi.withHandle(
                handle -> {
                  Map<Long, Long> out = new TreeMap<>();
                  handle
                      .createQuery(ReadStateSql.FIND_ALL)
                      .bind("username", username)
                      .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                      .forEach(e -> out.put(e.getKey(), e.getValue()));
                  return out;
                }));
  }

  private static int raise(Handle handle, long roomId, String username, long seq) {
    return update(handle, ReadStateSql.RAISE, roomId, username, seq);
  }

  private static int update(Handle handle, String sql, long roomId, String username, long seq) {
    return handle
        .createUpdate(sql)
        .bind("roomId", roomId)
        .bind("username", username)
        .bind("seq", seq)
        .execute();
  }

  private static long find(Handle handle, long roomId, String username) {
    return handle
        .createQuery(ReadStateSql.FIND)
        .bind("roomId", roomId)
        .bind("username", username)
        .mapTo(Long.class)
        .findOne()
        .orElse(ReadState.NOTHING_READ);
  }

  /** Configures a {@link JdbiReadStateRepository}. Not thread-safe; use it from one thread. */
  public static final class Builder {
    private final DataSource dataSource;
    private InitializeSchema initializeSchema = InitializeSchema.EMBEDDED;
    private int maxAttempts = 5;
    private long retryBackoffMillis = 20;

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /**
     * When to migrate the schema at {@link #build()}; default {@link InitializeSchema#EMBEDDED},
     * like {@link JdbiRoomRepository.Builder#initializeSchema}.
     */
    public Builder initializeSchema(InitializeSchema mode) {
      this.initializeSchema = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** How often an operation is tried when it hits a deadlock or lock-wait timeout; default 5. */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, was " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** First backoff before a retry, doubled (with jitter) for each further one; default 20 ms. */
    public Builder retryBackoffMillis(long millis) {
      if (millis < 0) {
        throw new IllegalArgumentException(
            "retryBackoffMillis must not be negative, was " + millis);
      }
      this.retryBackoffMillis = millis;
      return this;
    }

    /**
     * The repository; migrates the schema first when {@link #initializeSchema} asks for it.
     *
     * @throws ChatUnavailableException when the schema must be migrated and the database fails
     */
    public JdbiReadStateRepository build() {
      SqlFailures failures = new SqlFailures(maxAttempts, retryBackoffMillis);
      SchemaInitializer.initialize(dataSource, initializeSchema);
      return new JdbiReadStateRepository(Jdbi.create(dataSource), failures);
    }
  }
}
