package io.chatstack.failure;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.chatstack.client.ChatClient;
import io.chatstack.client.ReconnectPolicy;
import io.chatstack.testkit.db.TestDatabases;
import io.chatstack.testkit.db.TestMySql;
import io.chatstack.testkit.kafka.EmbeddedKafka;
import io.chatstack.testkit.net.TcpProxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The infrastructure of one scenario and its chat node processes: one Kafka broker (in this JVM, so
 * the test can stop and restart it), one MongoDB wire server (restartable, data kept), the test
 * MariaDB reached by the nodes through a {@link TcpProxy} (stopping the proxy is how a MariaDB
 * outage is simulated: the machine's MariaDB serves other builds and must not be stopped), and N
 * nodes started as separate JVMs. Each scenario gets its own topics and Mongo database. Not
 * thread-safe: driven by the test thread.
 */
final class Cluster implements AutoCloseable {
  final String name;
  final EmbeddedKafka kafka;
  final RestartableMongo mongo;
  final TcpProxy mysqlProxy;
  private final TestMySql mysql;
  private final MongoClient checkerMongo;
  private final List<NodeProcess> nodes = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<ChatClient> clients = new ArrayList<>();
  private final Map<String, String> extraSettings = new HashMap<>();
  private String nodeHeap = "256m";

  Cluster(String name) {
    this.name = name;
    this.kafka = EmbeddedKafka.start();
    this.mongo = new RestartableMongo();
    this.mysql = TestDatabases.mysql();
    this.mysqlProxy = TcpProxy.start(mysql.host(), mysql.port());
    this.checkerMongo = MongoClients.create(mongo.uri());
  }

  /** A setting added to every node started from now on (see {@link NodeMain}). */
  Cluster nodeSetting(String key, String value) {
    extraSettings.put(key, value);
    return this;
  }

  /** The maximum heap of nodes started from now on (default 256m). */
  Cluster nodeHeap(String value) {
    nodeHeap = value;
    return this;
  }

  /** Starts chat node processes in parallel; returns once all serve. */
  List<NodeProcess> startNodes(String... ids) {
    List<java.util.concurrent.CompletableFuture<NodeProcess>> starting = new ArrayList<>();
    for (String id : ids) {
      starting.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> startNode(id)));
    }
    return starting.stream().map(java.util.concurrent.CompletableFuture::join).toList();
  }

  /** Starts a chat node process; returns once it serves. */
  NodeProcess startNode(String id) {
    return startNode(id, nodeHeap);
  }

  NodeProcess startNode(String id, String maxHeap) {
    Map<String, String> settings = new HashMap<>();
    settings.put("kafka.bootstrap", kafka.bootstrapServers());
    settings.put("kafka.topic", "chat-" + name);
    settings.put("jdbc.url", mysql.jdbcUrl("127.0.0.1", mysqlProxy.port()));
    settings.put("jdbc.user", mysql.username());
    settings.put("jdbc.password", mysql.password());
    settings.put("mongo.uri", mongo.uri());
    settings.put("mongo.database", "failure_" + name);
    settings.putAll(extraSettings);
    NodeProcess node = NodeProcess.start(name + "-" + id, settings, maxHeap);
    nodes.add(node);
    return node;
  }

  /** The scenario's Mongo database, read by the checker directly (not through a node). */
  MongoDatabase store() {
    return checkerMongo.getDatabase("failure_" + name);
  }

  /**
   * A connected client on {@code urls} (the first one first, the others for failover), reconnecting
   * fast; closed with the cluster.
   */
  ChatClient client(String login, List<URI> urls) {
    ChatClient client =
        ChatClient.builder()
            .urls(urls)
            .login(login)
            .heartbeat(Duration.ofSeconds(2))
            .requestTimeout(Duration.ofSeconds(20))
            .reconnect(ReconnectPolicy.exponential(Duration.ofMillis(100), Duration.ofSeconds(1)))
            .build()
            .connect();
    clients.add(client);
    return client;
  }

  @Override
  public void close() {
    clients.parallelStream().forEach(ChatClient::close);
    nodes.forEach(NodeProcess::close);
    checkerMongo.close();
    mysqlProxy.close();
    mongo.close();
    kafka.close();
  }
}
