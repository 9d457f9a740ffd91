-- Moderation (io.chatstack.core.Moderation): moderators among the participants and the bans and
-- mutes of each room. The owner is not stored: it is the room's creator (chat_rooms.created_by).
-- A participant's role row goes with their participant row; restrictions go with their room.

ALTER TABLE chat_room_participants ADD COLUMN moderator BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE IF NOT EXISTS chat_room_restrictions (
  room_id BIGINT NOT NULL,
  username VARCHAR(255) NOT NULL,
  -- BAN or MUTE
  kind VARCHAR(8) NOT NULL,
  -- UTC; NULL: until lifted
  until_at DATETIME(6) NULL,
  actor VARCHAR(255) NOT NULL,
  reason VARCHAR(500) NOT NULL,
  PRIMARY KEY (room_id, username, kind),
  CONSTRAINT fk_chat_room_restrictions_room FOREIGN KEY (room_id) REFERENCES chat_rooms (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
