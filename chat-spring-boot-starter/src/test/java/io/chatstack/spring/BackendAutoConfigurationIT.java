package io.chatstack.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.MessageBus;
import io.chatstack.core.MessageStore;
import io.chatstack.core.RoomRepository;
import io.chatstack.jdbi.JdbiRoomRepository;
import io.chatstack.kafka.KafkaMessageBus;
import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryMessageStore;
import io.chatstack.memory.InMemoryRoomRepository;
import io.chatstack.mongo.MongoMessageStore;
import io.chatstack.spring.health.ChatHealthAutoConfiguration;
import io.chatstack.spring.jdbi.ChatJdbiAutoConfiguration;
import io.chatstack.spring.kafka.ChatKafkaAutoConfiguration;
import io.chatstack.spring.mongo.ChatMongoAutoConfiguration;
import io.chatstack.testkit.db.InProcessMongoServer;
import io.chatstack.testkit.kafka.EmbeddedKafka;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Each backend condition of the starter, against real servers started in-process. */
class BackendAutoConfigurationIT {
  private static EmbeddedKafka kafka;
  private static InProcessMongoServer mongo;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ChatKafkaAutoConfiguration.class,
                  ChatJdbiAutoConfiguration.class,
                  ChatMongoAutoConfiguration.class,
                  ChatstackAutoConfiguration.class,
                  ChatHealthAutoConfiguration.class));

  @BeforeAll
  static void startServers() {
    kafka = EmbeddedKafka.start();
    mongo = InProcessMongoServer.start();
  }

  @AfterAll
  static void stopServers() {
    mongo.close();
    kafka.close();
  }

  private static String h2() {
    return "chatstack.jdbc.url=jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=MySQL;DB_CLOSE_DELAY=-1";
  }

  @Test
  void eachPropertySwitchesItsBackendOn() {
    runner
        .withPropertyValues(
            "chatstack.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "chatstack.kafka.partitions=2",
            "chatstack.kafka.messages-topic=ac-" + UUID.randomUUID(),
            "chatstack.mongo.uri=" + mongo.connectionString(),
            h2())
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(MessageBus.class)).isInstanceOf(KafkaMessageBus.class);
              assertThat(context.getBean(MessageStore.class)).isInstanceOf(MongoMessageStore.class);
              assertThat(context.getBean(RoomRepository.class))
                  .isInstanceOf(JdbiRoomRepository.class);
              assertThat(context)
                  .hasBean("chatstackKafkaHealthIndicator")
                  .hasBean("chatstackJdbcHealthIndicator")
                  .hasBean("chatstackMongoHealthIndicator");
            });
  }

  @Test
  void withoutPropertiesEverythingStaysInMemoryAndNoHealthIndicators() {
    runner.run(
        context -> {
          assertThat(context.getBean(MessageBus.class)).isInstanceOf(InMemoryMessageBus.class);
          assertThat(context.getBean(MessageStore.class)).isInstanceOf(InMemoryMessageStore.class);
          assertThat(context.getBean(RoomRepository.class))
              .isInstanceOf(InMemoryRoomRepository.class);
          assertThat(context)
              .doesNotHaveBean("chatstackKafkaHealthIndicator")
              .doesNotHaveBean("chatstackJdbcHealthIndicator")
              .doesNotHaveBean("chatstackMongoHealthIndicator");
        });
  }

  @Test
  void missingLibrariesKeepTheInMemoryDefaults() {
    runner
        .withClassLoader(new FilteredClassLoader(KafkaProducer.class, Jdbi.class))
        .withPropertyValues("chatstack.kafka.bootstrap-servers=" + kafka.bootstrapServers(), h2())
        .run(
            context -> {
              assertThat(context.getBean(MessageBus.class)).isInstanceOf(InMemoryMessageBus.class);
              assertThat(context.getBean(RoomRepository.class))
                  .isInstanceOf(InMemoryRoomRepository.class);
            });
  }

  @Test
  void userBeansWinOverConfiguredBackends() {
    InMemoryRoomRepository mine = new InMemoryRoomRepository();
    runner
        .withBean(RoomRepository.class, () -> mine)
        .withPropertyValues(h2())
        .run(context -> assertThat(context.getBean(RoomRepository.class)).isSameAs(mine));
  }

  @Test
  void aWrongSchemaModeFailsStartupWithAClearMessage() {
    runner
        .withPropertyValues(h2(), "chatstack.jdbc.initialize-schema=sometimes")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining(
                        "chatstack.jdbc.initialize-schema must be embedded, always or never"));
  }
}
