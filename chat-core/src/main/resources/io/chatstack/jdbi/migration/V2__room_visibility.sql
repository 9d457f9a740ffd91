-- Room visibility (PUBLIC, PRIVATE, DIRECT) and the unique pair key of direct rooms.
-- Existing rooms become PUBLIC, as they behaved before. NULL keys (every non-direct room) do not
-- collide in a unique index on MySQL, MariaDB and H2.

ALTER TABLE chat_rooms ADD COLUMN visibility VARCHAR(16) NOT NULL DEFAULT 'PUBLIC';

ALTER TABLE chat_rooms ADD COLUMN direct_key VARCHAR(511) NULL;

CREATE UNIQUE INDEX uk_chat_rooms_direct_key ON chat_rooms (direct_key);
