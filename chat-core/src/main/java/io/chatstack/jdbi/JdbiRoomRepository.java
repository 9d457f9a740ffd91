package io.chatstack.jdbi;

import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.DirectRoom;
import io.chatstack.core.Participant;
import io.chatstack.core.Restriction;
import io.chatstack.core.Room;
import io.chatstack.core.RoomNotFoundException;
import io.chatstack.core.RoomRepository;
import io.chatstack.core.RoomRole;
import io.chatstack.core.RoomSummary;
import io.chatstack.core.RoomVisibility;
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
import org.jdbi.v3.core.JdbiException;

/**
 * {@link RoomRepository} in MySQL 8 or MariaDB 10.11+ through Jdbi 3; also runs on H2 in MySQL mode
 * ({@code jdbc:h2:mem:chat;MODE=MySQL}) for dev services and tests.
 *
 * <p>Tables {@code chat_rooms} and {@code chat_room_participants} (primary key {@code (room_id,
 * username)}) are defined by the shipped Flyway migrations ({@code
 * classpath:io/chatstack/jdbi/migration}, history table {@code chatstack_schema_history}), applied
 * at {@link Builder#build()} according to {@link InitializeSchema}. Names are stored verbatim as
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
    return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
  }

  @Override
  public Room create(String name, String createdBy, Instant createdAt, RoomVisibility visibility) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdBy, "createdBy");
    if (Objects.requireNonNull(visibility, "visibility") == RoomVisibility.DIRECT) {
      throw new IllegalArgumentException("Direct rooms are made by findOrCreateDirect");
    }
    Instant at = RoomRows.storable(Objects.requireNonNull(createdAt, "createdAt"));
    return failures.run(
        "create room",
        () ->
            jdbi.inTransaction(
                handle -> {
                  long id = insertRoom(handle, name, createdBy, at, visibility, null);
                  update(handle, RoomRows.INSERT_PARTICIPANT, id, createdBy);
                  return new Room(id, name, createdBy, at, Set.of(createdBy), visibility);
                }));
  }

  @Override
  public DirectRoom findOrCreateDirect(
      String creator, String other, String name, Instant createdAt) {
    String key = DirectRoom.key(creator, other);
    Instant at = RoomRows.storable(Objects.requireNonNull(createdAt, "createdAt"));
    return failures.run(
        "open direct room",
        () -> {
          Optional<Long> existing = directRoomId(key);
          if (existing.isEmpty()) {
            try {
              long id =
                  jdbi.inTransaction(
                      handle -> {
                        long created =
                            insertRoom(handle, name, creator, at, RoomVisibility.DIRECT, key);
                        update(handle, RoomRows.INSERT_PARTICIPANT, created, creator);
                        update(handle, RoomRows.INSERT_PARTICIPANT, created, other);
                        return created;
                      });
              return new DirectRoom(requireRoom(id), true);
            } catch (JdbiException e) {
              // Another request (on any node) created it first: the unique key refused ours.
              existing = directRoomId(key);
              if (existing.isEmpty() || !SqlFailures.isDuplicateKey(e)) {
                throw e;
              }
            }
          }
          return new DirectRoom(requireRoom(existing.get()), false);
        });
  }

  @Override
  public Optional<Room> findById(long roomId) {
    return failures.run(
        "find room " + roomId,
        () ->
            jdbi.withHandle(
                handle ->
                    handle.inTransaction(
                        h ->
                            RoomRows.fold(
                                    h.createQuery(RoomRows.BY_ID)
                                        .bind("id", roomId)
                                        .map((rs, ctx) -> RoomRows.Row.read(rs))
                                        .list(),
                                    h.createQuery(RoomRows.RESTRICTIONS)
                                        .bind("id", roomId)
                                        .map((rs, ctx) -> RoomRows.restriction(rs))
                                        .list())
                                .stream()
                                .findFirst())));
  }

  @Override
  public Optional<RoomSummary> findSummary(long roomId) {
    return failures.run(
        "find room " + roomId,
        () ->
            jdbi.withHandle(
                handle ->
                    handle
                        .createQuery(RoomRows.SUMMARY_BY_ID)
                        .bind("id", roomId)
                        .map((rs, ctx) -> RoomRows.summary(rs))
                        .findFirst()));
  }

  @Override
  public List<RoomSummary> findAll() {
    return failures.run("list rooms", () -> summaries(RoomRows.ALL, null));
  }

  @Override
  public List<RoomSummary> findVisibleTo(String username) {
    Objects.requireNonNull(username, "username");
    return failures.run("list visible rooms", () -> summaries(RoomRows.VISIBLE_TO, username));
  }

  @Override
  public List<RoomSummary> findByParticipant(String username) {
    Objects.requireNonNull(username, "username");
    return failures.run("list rooms of a user", () -> summaries(RoomRows.BY_PARTICIPANT, username));
  }

  @Override
  public List<String> participants(long roomId, String after, int limit) {
    Objects.requireNonNull(after, "after");
    return failures.run(
        "list participants of room " + roomId,
        () ->
            jdbi.withHandle(
                handle -> {
                  requireRoom(handle, roomId);
                  return handle
                      .createQuery(RoomRows.PARTICIPANTS_PAGE)
                      .bind("id", roomId)
                      .bind("after", after)
                      .bind("limit", limit)
                      .mapTo(String.class)
                      .list();
                }));
  }

  @Override
  public boolean isParticipant(long roomId, String username) {
    Objects.requireNonNull(username, "username");
    return failures.run(
        "check participant of room " + roomId,
        () ->
            jdbi.withHandle(
                handle ->
                    handle
                            .createQuery(RoomRows.IS_PARTICIPANT)
                            .bind("id", roomId)
                            .bind("username", username)
                            .mapTo(Long.class)
                            .one()
                        > 0));
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

  @Override
  public List<Participant> participantPage(long roomId, String after, int limit) {
    Objects.requireNonNull(after, "after");
    return failures.run(
        "list participants of room " + roomId,
        () -> {
          Room room = requireRoom(roomId);
          return jdbi.withHandle(
              handle ->
                  handle
                      .createQuery(RoomRows.PARTICIPANT_ROLES_PAGE)
                      .bind("id", roomId)
                      .bind("after", after)
                      .bind("limit", limit)
                      .map(
                          (rs, ctx) -> {
                            String user = rs.getString("username");
                            return new Participant(user, role(room, user, rs.getBoolean(2)));
                          })
                      .list());
        });
  }

  private static RoomRole role(Room room, String user, boolean moderator) {
    if (room.visibility() == RoomVisibility.DIRECT) {
      return RoomRole.MEMBER;
    }
    if (room.createdBy().equals(user)) {
      return RoomRole.OWNER;
    }
    return moderator ? RoomRole.MODERATOR : RoomRole.MEMBER;
  }

  @Override
  public boolean setModerator(long roomId, String username, boolean moderator) {
    Objects.requireNonNull(username, "username");
    return failures.run(
        "set role in room " + roomId,
        () ->
            jdbi.withHandle(
                handle -> {
                  requireRoom(handle, roomId);
                  if (handle
                          .createQuery(
                              "SELECT COUNT(*) FROM chat_room_participants"
                                  + " WHERE room_id = :id AND username = :username")
                          .bind("id", roomId)
                          .bind("username", username)
                          .mapTo(Long.class)
                          .one()
                      == 0) {
                    return false;
                  }
                  handle
                      .createUpdate(RoomRows.SET_MODERATOR)
                      .bind("id", roomId)
                      .bind("username", username)
                      .bind("moderator", moderator)
                      .execute();
                  return true;
                }));
  }

  @Override
  public void rename(long roomId, String name) {
    Objects.requireNonNull(name, "name");
    failures.run(
        "rename room " + roomId,
        () ->
            jdbi.withHandle(
                handle -> {
                  requireRoom(handle, roomId);
                  return handle
                      .createUpdate(RoomRows.RENAME)
                      .bind("id", roomId)
                      .bind("name", name)
                      .execute();
                }));
  }

  @Override
  public boolean delete(long roomId) {
    return failures.run(
        "delete room " + roomId,
        () ->
            jdbi.withHandle(
                handle ->
                    handle.createUpdate(RoomRows.DELETE_ROOM).bind("id", roomId).execute() == 1));
  }

  @Override
  public void restrict(long roomId, Restriction restriction) {
    Objects.requireNonNull(restriction, "restriction");
    failures.run(
        "restrict a user in room " + roomId,
        () ->
            jdbi.inTransaction(
                handle -> {
                  requireRoom(handle, roomId);
                  handle
                      .createUpdate(RoomRows.DELETE_RESTRICTION)
                      .bind("id", roomId)
                      .bind("username", restriction.username())
                      .bind("kind", restriction.kind().name())
                      .execute();
                  var insert =
                      handle
                          .createUpdate(RoomRows.INSERT_RESTRICTION)
                          .bind("id", roomId)
                          .bind("username", restriction.username())
                          .bind("kind", restriction.kind().name())
                          .bind("actor", restriction.actor())
                          .bind("reason", restriction.reason());
                  if (restriction.until().isPresent()) {
                    insert.bind(
                        "until", RoomRows.utc(RoomRows.storable(restriction.until().get())));
                  } else {
                    insert.bindNull("until", java.sql.Types.TIMESTAMP);
                  }
                  return insert.execute();
                }));
  }

  @Override
  public boolean lift(long roomId, String username, Restriction.Kind kind) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(kind, "kind");
    return failures.run(
        "lift a restriction in room " + roomId,
        () ->
            jdbi.withHandle(
                handle -> {
                  requireRoom(handle, roomId);
                  return handle
                          .createUpdate(RoomRows.DELETE_RESTRICTION)
                          .bind("id", roomId)
                          .bind("username", username)
                          .bind("kind", kind.name())
                          .execute()
                      == 1;
                }));
  }

  private List<RoomSummary> summaries(String sql, String username) {
    return jdbi.withHandle(
        handle -> {
          var query = handle.createQuery(sql);
          if (username != null) {
            query.bind("username", username);
          }
          return query.map((rs, ctx) -> RoomRows.summary(rs)).list();
        });
  }

  private Optional<Long> directRoomId(String key) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(RoomRows.BY_DIRECT_KEY)
                .bind("key", key)
                .mapTo(Long.class)
                .findOne());
  }

  private Room requireRoom(long id) {
    return findById(id).orElseThrow(() -> new RoomNotFoundException(id));
  }

  private static long insertRoom(
      Handle handle,
      String name,
      String createdBy,
      Instant at,
      RoomVisibility visibility,
      String directKey) {
    return handle
        .createUpdate(RoomRows.INSERT_ROOM)
        .bind("name", name)
        .bind("createdBy", createdBy)
        .bind("createdAt", RoomRows.utc(at))
        .bind("visibility", visibility.name())
        .bind("directKey", directKey)
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  private static int update(Handle handle, String sql, long roomId, String username) {
    return handle.createUpdate(sql).bind("id", roomId).bind("username", username).execute();
  }

  /** For {@link JdbiReadStateRepository#sharing}: the same database and retry settings. */
  Jdbi jdbi() {
    return jdbi;
  }

  SqlFailures failures() {
    return failures;
  }

  private static void requireRoom(Handle handle, long roomId) {
    if (handle.createQuery(RoomRows.EXISTS).bind("id", roomId).mapTo(Long.class).one() == 0) {
      throw new RoomNotFoundException(roomId);
    }
  }

  /** Configures a {@link JdbiRoomRepository}. Not thread-safe; use it from one thread. */
  public static final class Builder {
    private final DataSource dataSource;
    private InitializeSchema initializeSchema = InitializeSchema.EMBEDDED;
    private int maxAttempts = 5;
    private long retryBackoffMillis = 20;

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
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
     * @throws ChatUnavailableException when the schema must be migrated and the database fails
     */
    public JdbiRoomRepository build() {
      SqlFailures failures = new SqlFailures(maxAttempts, retryBackoffMillis);
      SchemaInitializer.initialize(dataSource, initializeSchema);
      return new JdbiRoomRepository(Jdbi.create(dataSource), failures);
    }
  }
}
