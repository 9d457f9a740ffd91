-- Read positions (io.chatstack.jdbi.JdbiReadStateRepository): the highest seq each user has read in
-- each room; never moves back. No foreign key to chat_rooms: the table may serve rooms kept
-- elsewhere. The user name column matches chat_room_participants.username (binary collation).

CREATE TABLE IF NOT EXISTS chatstack_read_state (
  room_id BIGINT NOT NULL,
  username VARCHAR(255) NOT NULL,
  last_read_seq BIGINT NOT NULL,
  PRIMARY KEY (room_id, username),
  -- findAll: every room of one user without scanning the table.
  KEY idx_chatstack_read_state_username (username, room_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
