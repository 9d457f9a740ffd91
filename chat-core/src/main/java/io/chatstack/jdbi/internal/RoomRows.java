package io.chatstack.jdbi.internal;

import io.chatstack.core.Room;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jdbi.v3.core.argument.Argument;

/**
 * SQL of the room store and the folding of its joined rows into {@link Room}s. Stateless,
 * thread-safe. Timestamps are kept as UTC {@code DATETIME(6)}, bound and read as wall-clock values
 * so neither the driver nor the JVM time zone shifts them.
 */
public final class RoomRows {
  private static final String SELECT =
      "SELECT r.id, r.name, r.created_by, r.created_at, p.username FROM chat_rooms r"
          + " LEFT JOIN chat_room_participants p ON p.room_id = r.id";

  public static final String BY_ID = SELECT + " WHERE r.id = :id";
  public static final String ALL = SELECT + " ORDER BY r.id";
  public static final String BY_PARTICIPANT =
      SELECT
          + " WHERE r.id IN (SELECT m.room_id FROM chat_room_participants m WHERE m.username = :username) ORDER BY r.id";
  public static final String INSERT_ROOM =
      "INSERT INTO chat_rooms (name, created_by, created_at) VALUES (:name, :createdBy, :createdAt)";
  public static final String INSERT_PARTICIPANT =
      "INSERT IGNORE INTO chat_room_participants (room_id, username) VALUES (:id, :username)";
  public static final String DELETE_PARTICIPANT =
      "DELETE FROM chat_room_participants WHERE room_id = :id AND username = :username";
  public static final String EXISTS = "SELECT COUNT(*) FROM chat_rooms WHERE id = :id";

  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

  private RoomRows() {}

  /** One row of the join: a room and one of its participants (null for an empty room). */
  public record Row(long id, String name, String createdBy, Instant createdAt, String username) {
    public static Row read(ResultSet rs) throws SQLException {
      LocalDateTime at = rs.getObject("created_at", LocalDateTime.class);
      return new Row(
          rs.getLong("id"),
          rs.getString("name"),
          rs.getString("created_by"),
          at.toInstant(ZoneOffset.UTC),
          rs.getString("username"));
    }
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

  /** Folds rows ordered by room id into rooms, keeping that order. */
  public static List<Room> fold(List<Row> rows) {
    Map<Long, List<Row>> byRoom = new LinkedHashMap<>();
    for (Row row : rows) {
      byRoom.computeIfAbsent(row.id(), id -> new ArrayList<>()).add(row);
    }
    List<Room> rooms = new ArrayList<>(byRoom.size());
    for (List<Row> group : byRoom.values()) {
      Row first = group.get(0);
      TreeSet<String> participants = new TreeSet<>();
      for (Row row : group) {
        if (row.username() != null) {
          participants.add(row.username());
        }
      }
      rooms.add(
          new Room(first.id(), first.name(), first.createdBy(), first.createdAt(), participants));
    }
    return rooms;
  }
}
