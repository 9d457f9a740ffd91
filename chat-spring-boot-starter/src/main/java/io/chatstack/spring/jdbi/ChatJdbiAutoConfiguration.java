package io.chatstack.spring.jdbi;

import io.chatstack.core.ReadStateRepository;
import io.chatstack.core.RoomRepository;
import io.chatstack.jdbi.InitializeSchema;
import io.chatstack.jdbi.JdbiReadStateRepository;
import io.chatstack.jdbi.JdbiRoomRepository;
import io.chatstack.spring.ChatstackAutoConfiguration;
import io.chatstack.spring.ChatstackProperties;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;

/**
 * Keeps rooms and read positions in MySQL/MariaDB (or H2 in MySQL mode) through Jdbi when {@code
 * chatstack.jdbc.url} is set. The connection pool is chatstack's own ({@link ChatDataSource}), so
 * it never replaces the host application's {@code DataSource}.
 */
@AutoConfiguration(before = ChatstackAutoConfiguration.class)
@ConditionalOnClass({JdbiRoomRepository.class, Jdbi.class, DataSourceBuilder.class})
@ConditionalOnProperty(prefix = "chatstack.jdbc", name = "url")
@EnableConfigurationProperties(ChatstackProperties.class)
public final class ChatJdbiAutoConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  ChatDataSource chatDataSource(ChatstackProperties properties) {
    ChatstackProperties.Jdbc jdbc = properties.getJdbc();
    return new ChatDataSource(
        DataSourceBuilder.create()
            .url(jdbc.getUrl())
            .username(jdbc.getUsername())
            .password(jdbc.getPassword())
            .build());
  }

  @Bean
  @ConditionalOnMissingBean(RoomRepository.class)
  RoomRepository chatRoomRepository(ChatDataSource dataSource, ChatstackProperties properties) {
    return JdbiRoomRepository.builder(dataSource.dataSource())
        .initializeSchema(initializeSchema(properties))
        .build();
  }

  /** Read positions in the same database (table chatstack_read_state, migration V3). */
  @Bean
  @ConditionalOnMissingBean(ReadStateRepository.class)
  ReadStateRepository chatReadStateRepository(
      ChatDataSource dataSource, ChatstackProperties properties) {
    return JdbiReadStateRepository.builder(dataSource.dataSource())
        .initializeSchema(initializeSchema(properties))
        .build();
  }

  private static InitializeSchema initializeSchema(ChatstackProperties properties) {
    String mode = properties.getJdbc().getInitializeSchema();
    try {
      return InitializeSchema.valueOf(mode.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "chatstack.jdbc.initialize-schema must be embedded, always or never, was '" + mode + "'",
          e);
    }
  }
}
