package io.chatstack.jdbi.internal;

/** SQL of {@code JdbiReadStateRepository} (table {@code chatstack_read_state}, migration V3). */
public final class ReadStateSql {
  /** Raises an existing row; touches nothing when the stored seq is already as high. */
  public static final String RAISE =
      "UPDATE chatstack_read_state SET last_read_seq = :seq"
          + " WHERE room_id = :roomId AND username = :username AND last_read_seq < :seq";

  /** The first position of a user in a room; fails on the primary key when a row exists. */
  public static final String INSERT =
      "INSERT INTO chatstack_read_state (room_id, username, last_read_seq)"
          + " VALUES (:roomId, :username, :seq)";

  /** One stored seq. */
  public static final String FIND =
      "SELECT last_read_seq FROM chatstack_read_state WHERE room_id = :roomId AND username ="
          + " :username";

  /** Every stored seq of a user. */
  public static final String FIND_ALL =
      "SELECT room_id, last_read_seq FROM chatstack_read_state WHERE username = :username"
          + " ORDER BY room_id";

  private ReadStateSql() {}
}
