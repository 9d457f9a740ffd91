package io.chatstack.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.MessageBus;
import io.chatstack.core.MessageStore;
import io.chatstack.core.ReadStateRepository;
import io.chatstack.core.Room;
import io.chatstack.core.RoomRepository;
import io.chatstack.core.SignalBus;
import io.chatstack.jdbi.JdbiReadStateRepository;
import io.chatstack.jdbi.JdbiRoomRepository;
import io.chatstack.kafka.KafkaChatConfig;
import io.chatstack.kafka.KafkaMessageBus;
import io.chatstack.kafka.KafkaSignalBus;
import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryMessageStore;
import io.chatstack.memory.InMemoryReadStateRepository;
import io.chatstack.memory.InMemoryRoomRepository;
import io.chatstack.memory.InMemorySignalBus;
import io.chatstack.mongo.MongoMessageStore;
import io.chatstack.spring.health.ChatHealthAutoConfiguration;
import io.chatstack.spring.jdbi.ChatDataSource;
import io.chatstack.spring.jdbi.ChatJdbiAutoConfiguration;
import io.chatstack.spring.kafka.ChatKafkaAutoConfiguration;
import io.chatstack.spring.mongo.ChatMongoAutoConfiguration;
import io.chatstack.testkit.db.InProcessMongoServer;
import io.chatstack.testkit.kafka.EmbeddedKafka;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
              assertThat(context.getBean(SignalBus.class)).isInstanceOf(KafkaSignalBus.class);
              assertThat(context.getBean(ReadStateRepository.class))
                  .isInstanceOf(JdbiReadStateRepository.class);
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
          assertThat(context.getBean(SignalBus.class)).isInstanceOf(InMemorySignalBus.class);
          assertThat(context.getBean(ReadStateRepository.class))
              .isInstanceOf(InMemoryReadStateRepository.class);
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
              assertThat(context.getBean(SignalBus.class)).isInstanceOf(InMemorySignalBus.class);
              assertThat(context.getBean(ReadStateRepository.class))
                  .isInstanceOf(InMemoryReadStateRepository.class);
            });
  }

  @Test
  void signalsTravelOnTheConfiguredTopicAndReadStateIsStoredInTheRoomDatabase() {
    String signals = "signals-" + UUID.randomUUID();
    runner
        .withPropertyValues(
            "chatstack.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "chatstack.kafka.messages-topic=ac-" + UUID.randomUUID(),
            "chatstack.kafka.events-topic=ev-" + UUID.randomUUID(),
            "chatstack.kafka.signals-topic=" + signals,
            h2())
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(KafkaChatConfig.class).signalsTopic()).isEqualTo(signals);
              try (Admin admin =
                  Admin.create(
                      Map.of(
                          AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).contains(signals);
              }
              ChatService chat = context.getBean(ChatService.class);
              Room room = chat.createRoom("durable-reads", "alice");
              chat.join(room.id(), "bob");
              ChatMessage hello = chat.send(room.id(), "alice", "hello").join();
              chat.readStates().markRead(room.id(), "bob", hello.seq());
              // The bean the service writes through is the Jdbi one, on the room database.
              assertThat(context.getBean(ReadStateRepository.class).find(room.id(), "bob"))
                  .isEqualTo(hello.seq());
              Jdbi jdbi = Jdbi.create(context.getBean(ChatDataSource.class).dataSource());
              int rows =
                  jdbi.withHandle(
                      h ->
                          h.createQuery("SELECT COUNT(*) FROM chatstack_read_state")
                              .mapTo(Integer.class)
                              .one());
              assertThat(rows).isPositive();
            });
  }

  @Test
  void userSignalBeansWinOverConfiguredBackends() {
    InMemorySignalBus signals = new InMemorySignalBus();
    InMemoryReadStateRepository reads = new InMemoryReadStateRepository();
    runner
        .withBean(SignalBus.class, () -> signals)
        .withBean(ReadStateRepository.class, () -> reads)
        .withPropertyValues(
            "chatstack.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "chatstack.kafka.messages-topic=ac-" + UUID.randomUUID(),
            h2())
        .run(
            context -> {
              assertThat(context.getBean(SignalBus.class)).isSameAs(signals);
              assertThat(context.getBean(ReadStateRepository.class)).isSameAs(reads);
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
