package io.chatstack.jdbi;

import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.ReadState;
import io.chatstack.core.ReadStateRepository;
import io.chatstack.jdbi.internal.ReadStateSql;
import io.chatstack.jdbi.internal.SqlFailures;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * {@link ReadStateRepository} in MySQL 8, MariaDB 10.11+ or H2 in MySQL mode through Jdbi 3, in
 * table {@code chatstack_read_state} (primary key {@code (room_id, username)}).
 *
 * <p>Read positions live in the room database: made with {@link #sharing(JdbiRoomRepository)}, it
 * uses the room repository's connections and retry settings, and its table comes from the same
 * shipped Flyway migrations (version 3), applied when the room repository was built.
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

  /**
   * Read positions in the database of {@code rooms}, with its connections, retry settings and
   * schema (built, and so migrated, with it).
   */
  public static JdbiReadStateRepository sharing(JdbiRoomRepository rooms) {
    Objects.requireNonNull(rooms, "rooms");
    return new JdbiReadStateRepository(rooms.jdbi(), rooms.failures());
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
}
