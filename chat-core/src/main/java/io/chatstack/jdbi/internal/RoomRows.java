package io.chatstack.jdbi.internal;

import io.chatstack.core.Restriction;
import io.chatstack.core.Room;
import io.chatstack.core.RoomSummary;
import io.chatstack.core.RoomVisibility;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jdbi.v3.core.argument.Argument;

/**
 * SQL of the room store and the folding of its joined rows into {@link Room}s. Stateless,
 * thread-safe. Timestamps are kept as UTC {@code DATETIME(6)}, bound and read as wall-clock values
 * so neither the driver nor the JVM time zone shifts them.
 */
public final class RoomRows {
  private static final String SELECT =
      "SELECT r.id, r.name, r.created_by, r.created_at, r.visibility, p.username, p.moderator"
          + " FROM chat_rooms r"
          + " LEFT JOIN chat_room_participants p ON p.room_id = r.id";
  private static final String SUMMARY =
      "SELECT r.id, r.name, r.created_by, r.created_at, r.visibility,"
          + " (SELECT COUNT(*) FROM chat_room_participants c WHERE c.room_id = r.id) AS members"
          + " FROM chat_rooms r";
  private static final String IS_MEMBER =
      "SELECT m.room_id FROM chat_room_participants m WHERE m.username = :username";

  public static final String BY_ID = SELECT + " WHERE r.id = :id";
  public static final String SUMMARY_BY_ID = SUMMARY + " WHERE r.id = :id";
  public static final String ALL = SUMMARY + " ORDER BY r.id";
  public static final String VISIBLE_TO =
      SUMMARY + " WHERE r.visibility = 'PUBLIC' OR r.id IN (" + IS_MEMBER + ") ORDER BY r.id";
  public static final String BY_PARTICIPANT =
      SUMMARY + " WHERE r.id IN (" + IS_MEMBER + ") ORDER BY r.id";
  public static final String IS_PARTICIPANT =
      "SELECT COUNT(*) FROM chat_room_participants WHERE room_id = :id AND username = :username";
  public static final String PARTICIPANTS_PAGE =
      "SELECT username FROM chat_room_participants WHERE room_id = :id AND username > :after"
          + " ORDER BY username LIMIT :limit";
  public static final String PARTICIPANT_ROLES_PAGE =
      "SELECT username, moderator FROM chat_room_participants WHERE room_id = :id"
          + " AND username > :after ORDER BY username LIMIT :limit";
  public static final String SET_MODERATOR =
      "UPDATE chat_room_participants SET moderator = :moderator"
          + " WHERE room_id = :id AND username = :username";
  public static final String RENAME = "UPDATE chat_rooms SET name = :name WHERE id = :id";
  public static final String DELETE_ROOM = "DELETE FROM chat_rooms WHERE id = :id";
  public static final String RESTRICTIONS =
      "SELECT username, kind, until_at, actor, reason FROM chat_room_restrictions"
          + " WHERE room_id = :id";
  public static final String DELETE_RESTRICTION =
      "DELETE FROM chat_room_restrictions WHERE room_id = :id AND username = :username"
          + " AND kind = :kind";
  public static final String INSERT_RESTRICTION =
      "INSERT INTO chat_room_restrictions (room_id, username, kind, until_at, actor, reason)"
          + " VALUES (:id, :username, :kind, :until, :actor, :reason)";
  public static final String INSERT_ROOM =
      "INSERT INTO chat_rooms (name, created_by, created_at, visibility, direct_key)"
          + " VALUES (:name, :createdBy, :createdAt, :visibility, :directKey)";
  public static final String BY_DIRECT_KEY = "SELECT id FROM chat_rooms WHERE direct_key = :key";
  public static final String INSERT_PARTICIPANT =
      "INSERT IGNORE INTO chat_room_participants (room_id, username) VALUES (:id, :username)";
  public static final String DELETE_PARTICIPANT =
      "DELETE FROM chat_room_participants WHERE room_id = :id AND username = :username";
  public static final String EXISTS = "SELECT COUNT(*) FROM chat_rooms WHERE id = :id";

  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

  private RoomRows() {}

  /** One row of the join: a room and one of its participants (null for an empty room). */
  public record Row(
      long id,
      String name,
      String createdBy,
      Instant createdAt,
      RoomVisibility visibility,
      String username,
      boolean moderator) {
    public static Row read(ResultSet rs) throws SQLException {
      return new Row(
          rs.getLong("id"),
          rs.getString("name"),
          rs.getString("created_by"),
          readCreatedAt(rs),
          RoomVisibility.valueOf(rs.getString("visibility")),
          rs.getString("username"),
          rs.getBoolean("moderator"));
    }
  }

  /** A row of {@link #RESTRICTIONS}. */
  public static Restriction restriction(ResultSet rs) throws SQLException {
    LocalDateTime until = rs.getObject("until_at", LocalDateTime.class);
    return new Restriction(
        Restriction.Kind.valueOf(rs.getString("kind")),
        rs.getString("username"),
        Optional.ofNullable(until).map(u -> u.toInstant(ZoneOffset.UTC)),
        rs.getString("actor"),
        rs.getString("reason"));
  }

  /** A row of a summary query. */
  public static RoomSummary summary(ResultSet rs) throws SQLException {
    return new RoomSummary(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("created_by"),
        readCreatedAt(rs),
        RoomVisibility.valueOf(rs.getString("visibility")),
        rs.getInt("members"));
  }

  private static Instant readCreatedAt(ResultSet rs) throws SQLException {
    return rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC);
  }

  /** The stored form of {@code instant}: microsecond precision, the column's resolution. */
  public static Instant storable(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Binds {@code instant} as a UTC wall-clock literal ({@code 2026-01-02 03:04:05.678901}). A
   * string rather than a temporal object because mysql-connector-j drops fractional seconds when it
   * talks to MariaDB 10 (which announces itself as "5.5.5-10.x"); every supported database parses
   * it.
   */
  public static Argument utc(Instant instant) {
    String value = DATETIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    return (position, statement, ctx) -> statement.setString(position, value);
  }

  /**
   * Folds rows ordered by room id into rooms, keeping that order, with the given restrictions
   * (those of the one room read).
   */
  public static List<Room> fold(List<Row> rows, List<Restriction> restrictions) {
    Map<Long, List<Row>> byRoom = new LinkedHashMap<>();
    for (Row row : rows) {
      byRoom.computeIfAbsent(row.id(), id -> new ArrayList<>()).add(row);
    }
    List<Room> rooms = new ArrayList<>(byRoom.size());
    for (List<Row> group : byRoom.values()) {
      Row first = group.get(0);
      TreeSet<String> participants = new TreeSet<>();
      TreeSet<String> moderators = new TreeSet<>();
      for (Row row : group) {
        if (row.username() != null) {
          participants.add(row.username());
          if (row.moderator()) {
            moderators.add(row.username());
          }
        }
      }
      Map<String, Map<Restriction.Kind, Restriction>> byUser = new HashMap<>();
      for (Restriction r : restrictions) {
        byUser
            .computeIfAbsent(r.username(), u -> new EnumMap<>(Restriction.Kind.class))
            .put(r.kind(), r);
      }
      rooms.add(
          new Room(
              first.id(),
              first.name(),
              first.createdBy(),
              first.createdAt(),
              participants,
              first.visibility(),
              moderators,
              byUser));
    }
    return rooms;
  }
}
