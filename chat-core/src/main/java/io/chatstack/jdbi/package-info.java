/**
 * The {@link io.chatstack.core.RoomRepository} on MySQL/MariaDB (or H2 in MySQL mode) through Jdbi
 * ({@link io.chatstack.jdbi.JdbiRoomRepository}). Needs {@code org.jdbi:jdbi3-core} and Flyway.
 */
@NullMarked
package io.chatstack.jdbi;

import org.jspecify.annotations.NullMarked;
