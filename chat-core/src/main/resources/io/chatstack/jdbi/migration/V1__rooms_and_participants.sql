-- chatstack room store, version 1 (the schema of 0.1, formerly schema-mysql.sql), for MySQL 8,
-- MariaDB 10.11+ and H2 (MODE=MySQL). IF NOT EXISTS: a database made by the old script is adopted. Names and user names are compared exactly
-- (binary collation: case- and accent-sensitive); they are stored verbatim as utf8mb4.

CREATE TABLE IF NOT EXISTS chat_rooms (
  id BIGINT NOT NULL AUTO_INCREMENT,
  name VARCHAR(255) NOT NULL,
  created_by VARCHAR(255) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS chat_room_participants (
  room_id BIGINT NOT NULL,
  username VARCHAR(255) NOT NULL,
  PRIMARY KEY (room_id, username),
  -- findByParticipant: look rooms up by user name without scanning every membership.
  KEY idx_chat_room_participants_username (username, room_id),
  CONSTRAINT fk_chat_room_participants_room FOREIGN KEY (room_id) REFERENCES chat_rooms (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

