package io.chatstack.spring.jdbi;

import javax.sql.DataSource;

/**
 * chatstack's own connection pool for the room repository, wrapped so it is not mistaken for the
 * host application's {@code DataSource} bean. Closed with the application context.
 *
 * @param dataSource the pool
 */
public record ChatDataSource(DataSource dataSource) implements AutoCloseable {
  @Override
  public void close() throws Exception {
    if (dataSource instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }
}
