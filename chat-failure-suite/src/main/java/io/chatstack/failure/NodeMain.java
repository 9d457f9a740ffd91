package io.chatstack.failure;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.chatstack.core.ChatService;
import io.chatstack.core.PersistListener;
import io.chatstack.core.SignalSettings;
import io.chatstack.jdbi.InitializeSchema;
import io.chatstack.jdbi.JdbiReadStateRepository;
import io.chatstack.jdbi.JdbiRoomRepository;
import io.chatstack.kafka.KafkaChatConfig;
import io.chatstack.kafka.KafkaMessageBus;
import io.chatstack.kafka.KafkaSignalBus;
import io.chatstack.mongo.MongoMessageStore;
import io.chatstack.server.ChatServer;
import io.chatstack.server.DevAuthenticator;
import io.chatstack.server.StompLimits;
import io.chatstack.server.StompServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One chat node as its own process, as in production: {@link ChatService} on Kafka ({@link
 * KafkaMessageBus}), MariaDB ({@link JdbiRoomRepository}) and MongoDB ({@link MongoMessageStore}),
 * served over STOMP by the standalone {@link ChatServer} on a free port with {@link
 * DevAuthenticator}.
 *
 * <p>Settings are system properties ({@code -Dnode.id=...}): {@code node.id}, {@code node.portFile}
 * (where the bound port is written once the node serves), {@code kafka.bootstrap}, {@code
 * kafka.topic} (messages topic; the events topic is {@code <topic>-events}), {@code jdbc.url},
 * {@code jdbc.user}, {@code jdbc.password}, {@code mongo.uri}, {@code mongo.database}, optional
 * {@code node.outboundQueueFrames} (default 1024), {@code node.sendTimeoutMillis} (default 5000),
 * {@code node.presenceGraceMillis} and {@code node.presenceLeaseMillis} (defaults of {@link
 * SignalSettings}), {@code node.afterPersistDir} (a {@link MessageIdFile} persist listener writes
 * {@code <node.id>.ids} there). Presence, typing and read notifications travel on the {@code
 * <topic>-signals} topic ({@link KafkaSignalBus}), read state lives in MariaDB ({@link
 * JdbiReadStateRepository}). {@code node.persisterLingerMillis} (default 0). {@code node.statsDir}:
 * {@link NodeStats} writes {@code <node.id>.stats} there (fan-out CPU and record counters). Runs
 * until killed; SIGTERM closes the server and the service.
 */
public final class NodeMain {
  private NodeMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    String nodeId = required("node.id");
    Path portFile = Path.of(required("node.portFile"));
    Duration sendTimeout = Duration.ofMillis(Long.getLong("node.sendTimeoutMillis", 5000));

    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(required("jdbc.url"));
    pool.setUsername(required("jdbc.user"));
    pool.setPassword(System.getProperty("jdbc.password", ""));
    pool.setMaximumPoolSize(4);
    // fail fast during a database outage instead of holding requests for 30 s
    pool.setConnectionTimeout(2_000);
    pool.setInitializationFailTimeout(10_000);
    pool.setPoolName("chat-node-" + nodeId);
    HikariDataSource dataSource = new HikariDataSource(pool);

    MongoClient mongo =
        MongoClients.create(
            MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(required("mongo.uri")))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(2, TimeUnit.SECONDS))
                .build());
    MongoMessageStore store = new MongoMessageStore(mongo.getDatabase(required("mongo.database")));

    String topic = required("kafka.topic");
    KafkaChatConfig.Builder kafkaBuilder = KafkaChatConfig.builder(required("kafka.bootstrap"));
    String sessionTimeout = System.getProperty("kafka.sessionTimeoutMillis");
    if (sessionTimeout != null) {
      // how long the persister group waits for a crashed node before moving its partitions
      kafkaBuilder.consumerProperty("session.timeout.ms", Integer.valueOf(sessionTimeout));
      kafkaBuilder.consumerProperty(
          "heartbeat.interval.ms", Math.max(500, Integer.parseInt(sessionTimeout) / 3));
    }
    KafkaChatConfig kafka =
        kafkaBuilder
            .messagesTopic(topic)
            .eventsTopic(topic + "-events")
            .signalsTopic(topic + "-signals")
            .persisterGroupId(topic + "-persister")
            .nodeId(nodeId)
            .sendTimeout(sendTimeout)
            .persisterBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))
            .persisterLinger(Duration.ofMillis(Long.getLong("node.persisterLingerMillis", 0)))
            .build();

    JdbiRoomRepository rooms =
        JdbiRoomRepository.builder(dataSource).initializeSchema(InitializeSchema.ALWAYS).build();
    KafkaMessageBus bus = new KafkaMessageBus(kafka, store, persistListeners(nodeId));
    ChatService service =
        ChatService.builder()
            .roomRepository(rooms)
            .messageBus(bus)
            .signalBus(new KafkaSignalBus(kafka))
            .readStateRepository(JdbiReadStateRepository.sharing(rooms))
            .signalSettings(signalSettings())
            .sendTimeout(sendTimeout)
            .build();
    String statsDir = System.getProperty("node.statsDir");
    if (statsDir != null && !statsDir.isBlank()) {
      NodeStats.start(nodeId, bus, service, Path.of(statsDir, nodeId + ".stats"));
    }
    StompLimits limits =
        StompLimits.DEFAULTS
            .withSendsPerSecond(100_000)
            .withOutboundQueueFrames(Integer.getInteger("node.outboundQueueFrames", 1024));
    ChatServer server =
        ChatServer.builder()
            .port(0)
            .config(
                StompServerConfig.builder(service, new DevAuthenticator())
                    .limits(limits)
                    .heartbeat(Duration.ofSeconds(5), Duration.ofSeconds(5))
                    .build())
            .build()
            .start();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  service.close();
                  mongo.close();
                  dataSource.close();
                  stopped.countDown();
                },
                "chat-node-stop"));
    Path partial = portFile.resolveSibling(portFile.getFileName() + ".tmp");
    Files.writeString(partial, Integer.toString(server.port()), StandardCharsets.UTF_8);
    Files.move(partial, portFile, StandardCopyOption.ATOMIC_MOVE);
    System.out.println("chat node " + nodeId + " serving ws://localhost:" + server.port() + "/ws");
    stopped.await();
  }

  /** With {@code node.afterPersistDir}: a listener writing each stored record's id there. */
  private static List<PersistListener> persistListeners(String nodeId) {
    String dir = System.getProperty("node.afterPersistDir");
    if (dir == null || dir.isBlank()) {
      return List.of();
    }
    return List.of(new MessageIdFile(Path.of(dir, nodeId + ".ids")));
  }

  private static SignalSettings signalSettings() {
    SignalSettings settings = SignalSettings.DEFAULTS;
    Long grace = Long.getLong("node.presenceGraceMillis");
    if (grace != null) {
      settings = settings.withPresenceGrace(Duration.ofMillis(grace));
    }
    Long lease = Long.getLong("node.presenceLeaseMillis");
    if (lease != null) {
      settings = settings.withPresenceLease(Duration.ofMillis(lease));
    }
    return settings;
  }

  private static String required(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("system property " + name + " is required");
    }
    return value;
  }
}
