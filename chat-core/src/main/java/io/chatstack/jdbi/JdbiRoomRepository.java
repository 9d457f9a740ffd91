package io.chatstack.jdbi;

import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.Room;
import io.chatstack.core.RoomNotFoundException;
import io.chatstack.core.RoomRepository;
import io.chatstack.jdbi.internal.RoomRows;
import io.chatstack.jdbi.internal.SchemaInitializer;
import io.chatstack.jdbi.internal.SqlFailures;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link RoomRepository} in MySQL 8 or MariaDB 10.11+ through Jdbi 3; also runs on H2 in MySQL mode
 * ({@code jdbc:h2:mem:chat;MODE=MySQL}) for dev services and tests.
 *
 * <p>Tables {@code chat_rooms} and {@code chat_room_participants} (primary key {@code (room_id,
 * username)}) are defined by the shipped {@code io/chatstack/jdbi/schema-mysql.sql}, applied at
 * {@link Builder#build()} according to {@link InitializeSchema}. Names are stored verbatim as
 * utf8mb4, up to 255 characters, and compared exactly (binary collation; note that MySQL and
 * MariaDB ignore trailing spaces when comparing user names). {@code createdAt} keeps microseconds.
 *
 * <p>Joining and leaving are idempotent single statements. When the last participant leaves, the
 * room stays: it is listed, empty, and anyone can join it again; rooms are never deleted
 * implicitly. A deadlock or lock-wait timeout (SQLState 40001, MySQL errors 1213/1205) is retried a
 * few times with jittered exponential backoff; any other database failure, such as a refused
 * connection, surfaces as {@link ChatUnavailableException} naming the operation, and the next call
 * works again once the database is back. How long a call waits for a connection during an outage is
 * the data source's setting (HikariCP's {@code connectionTimeout}, default 30 s).
 *
 * <p>Thread-safe. Holds no connection between calls: pooling is the {@link DataSource}'s job (use a
 * pool such as HikariCP in production). Closing the data source is the caller's responsibility.
 */
public final class JdbiRoomRepository implements RoomRepository {
  private final Jdbi jdbi;
  private final SqlFailures failures;

  private JdbiRoomRepository(Jdbi jdbi, SqlFailures failures) {
    this.jdbi = jdbi;
    this.failures = failures;
  }

  /** A builder for a repository over {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(Jdbi.create(Objects.requireNonNull(dataSource, "dataSource")));
  }

  /** A builder for a repository over an already configured {@code jdbi}. */
  public static Builder builder(Jdbi jdbi) {
    return new Builder(Objects.requireNonNull(jdbi, "jdbi"));
  }

  @Override
  public Room create(String name, String createdBy, Instant createdAt) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdBy, "createdBy");
    Instant at = RoomRows.storable(Objects.requireNonNull(createdAt, "createdAt"));
    return failures.run(
        "create room",
        () ->
            jdbi.inTransaction(
                handle -> {
                  long id =
                      handle
                          .createUpdate(RoomRows.INSERT_ROOM)
                          .bind("name", name)
                          .bind("createdBy", createdBy)
                          .bind("createdAt", RoomRows.utc(at))
                          .executeAndReturnGeneratedKeys("id")
                          .mapTo(Long.class)
                          .one();
                  handle
                      .createUpdate(RoomRows.INSERT_PARTICIPANT)
                      .bind("id", id)
                      .bind("username", createdBy)
                      .execute();
                  return new Room(id, name, createdBy, at, Set.of(createdBy));
                }));
  }

  @Override
  public Optional<Room> findById(long roomId) {
    return failures.run(
        "find room " + roomId,
        () ->
            jdbi.withHandle(
                handle -> rooms(handle, RoomRows.BY_ID, "id", roomId).stream().findFirst()));
  }

  @Override
  public List<Room> findAll() {
    return failures.run(
        "list rooms",
        () ->
            jdbi.withHandle(
                handle ->
                    RoomRows.fold(
                        handle
                            .createQuery(RoomRows.ALL)
                            .map((rs, ctx) -> RoomRows.Row.read(rs))
                            .list())));
  }

  @Override
  public List<Room> findByParticipant(String username) {
    return failures.run(
        "list rooms of a user",
        () ->
            jdbi.withHandle(
                handle -> rooms(handle, RoomRows.BY_PARTICIPANT, "username", username)));
  }

  @Override
  public boolean addParticipant(long roomId, String username) {
    Objects.requireNonNull(username, "username");
    return failures.run(
        "join room " + roomId,
        () ->
            jdbi.withHandle(
                handle -> {
                  requireRoom(handle, roomId);
                  return update(handle, RoomRows.INSERT_PARTICIPANT, roomId, username) == 1;
                }));
  }

  @Override
  public boolean removeParticipant(long roomId, String username) {
    Objects.requireNonNull(username, "username");
    return failures.run(
        "leave room " + roomId,
        () ->
            jdbi.withHandle(
                handle -> {
                  if (update(handle, RoomRows.DELETE_PARTICIPANT, roomId, username) == 1) {
                    return true;
                  }
                  requireRoom(handle, roomId);
                  return false;
                }));
  }

  private static List<Room> rooms(Handle handle, String sql, String name, Object value) {
    return RoomRows.fold(
        handle.createQuery(sql).bind(name, value).map((rs, ctx) -> RoomRows.Row.read(rs)).list());
  }

  private static int update(Handle handle, String sql, long roomId, String username) {
    return handle.createUpdate(sql).bind("id", roomId).bind("username", username).execute();
  }

  private static void requireRoom(Handle handle, long roomId) {
    if (handle.createQuery(RoomRows.EXISTS).bind("id", roomId).mapTo(Long.class).one() == 0) {
      throw new RoomNotFoundException(roomId);
    }
  }

  /** Configures a {@link JdbiRoomRepository}. Not thread-safe; use it from one thread. */
  public static final class Builder {
    private final Jdbi jdbi;
    private InitializeSchema initializeSchema = InitializeSchema.EMBEDDED;
    private int maxAttempts = 5;
    private long retryBackoffMillis = 20;

    private Builder(Jdbi jdbi) {
      this.jdbi = jdbi;
    }

    /** When to create the tables at {@link #build()}; default {@link InitializeSchema#EMBEDDED}. */
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
     * The repository; creates the tables first when {@link #initializeSchema} asks for it.
     *
     * @throws ChatUnavailableException when the schema must be applied and the database fails
     */
    public JdbiRoomRepository build() {
      SqlFailures failures = new SqlFailures(maxAttempts, retryBackoffMillis);
      failures.run("initialize schema", () -> SchemaInitializer.initialize(jdbi, initializeSchema));
      return new JdbiRoomRepository(jdbi, failures);
    }
  }
}
