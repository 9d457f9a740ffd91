package io.chatstack.jdbi;

/**
 * When {@link JdbiRoomRepository} brings its tables to the current schema version by running the
 * shipped Flyway migrations ({@code classpath:io/chatstack/jdbi/migration}, history in table {@code
 * chatstack_schema_history}). Migrating a database that is up to date changes nothing; a database
 * created by an earlier chatstack is migrated in place.
 */
public enum InitializeSchema {
  /**
   * Only for embedded databases (H2, HSQLDB, Derby), as used by dev services and tests. The
   * default.
   */
  EMBEDDED,
  /** On every start, whatever the database. */
  ALWAYS,
  /** Never: the schema is managed outside chatstack (apply the shipped migrations yourself). */
  NEVER
}
