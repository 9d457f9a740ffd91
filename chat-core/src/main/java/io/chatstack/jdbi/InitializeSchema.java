package io.chatstack.jdbi;

/**
 * When {@link JdbiRoomRepository} creates its tables from the shipped {@code schema-mysql.sql}. The
 * script only uses {@code CREATE TABLE IF NOT EXISTS}, so running it on an initialized database
 * changes nothing.
 */
public enum InitializeSchema {
  /**
   * Only for embedded databases (H2, HSQLDB, Derby), as used by dev services and tests. The
   * default.
   */
  EMBEDDED,
  /** On every start, whatever the database. */
  ALWAYS,
  /** Never: the tables are managed outside chatstack (Flyway, Liquibase, a DBA). */
  NEVER
}
