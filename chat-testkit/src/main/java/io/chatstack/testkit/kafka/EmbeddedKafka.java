package io.chatstack.testkit.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker running inside this JVM: one combined KRaft node (broker and controller) from
 * {@code org.apache.kafka:kafka-test-common-runtime}, listening on localhost with PLAINTEXT.
 *
 * <p>Meant for tests and development ("dev services"), never for production. The internal topics
 * are configured for a single node (replication factor 1, no initial rebalance delay) so consumer
 * groups and idempotent producers work at once. Data lives in a temporary directory deleted on
 * {@link #close()}.
 *
 * <p>{@link #stopBroker()} and {@link #startBroker()} simulate an outage: the broker stops serving
 * clients and comes back on the same port with the same log directory, so every record it
 * acknowledged survives. The controller keeps running meanwhile.
 *
 * <p>Lifecycle: {@link #start()} returns a running broker; {@link #close()} stops it and is
 * idempotent. Thread-safe: methods are synchronized.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private final KafkaClusterTestKit cluster;
  private final String bootstrapServers;
  private boolean brokerRunning = true;
  private boolean closed;

  private EmbeddedKafka(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
    this.bootstrapServers = cluster.bootstrapServers();
  }

  /** Starts a single-node broker with the default settings; returns once it accepts clients. */
  public static EmbeddedKafka start() {
    return start(Map.of());
  }

  /**
   * Starts a single-node broker; {@code brokerProperties} are added to (and override) the defaults,
   * for example {@code Map.of("log.retention.ms", "60000")}. Returns once it accepts clients.
   *
   * @throws IllegalStateException when the broker cannot start
   */
  public static EmbeddedKafka start(Map<String, String> brokerProperties) {
    Objects.requireNonNull(brokerProperties, "brokerProperties");
    Map<String, String> props = new HashMap<>();
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "3");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.putAll(brokerProperties);
    KafkaClusterTestKit cluster = null;
    try {
      TestKitNodes nodes =
          new TestKitNodes.Builder()
              .setCombined(true)
              .setNumBrokerNodes(1)
              .setNumControllerNodes(1)
              .build();
      KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
      props.forEach(builder::setConfigProp);
      cluster = builder.build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      return new EmbeddedKafka(cluster);
    } catch (Exception e) {
      closeQuietly(cluster);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("Cannot start the embedded Kafka broker: " + e, e);
    }
  }

  /** {@code host:port} for the clients' {@code bootstrap.servers}; stable across stop/start. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Whether the broker currently serves clients. */
  public synchronized boolean isBrokerRunning() {
    return brokerRunning;
  }

  /**
   * Stops the broker (clients see an outage); acknowledged records stay on disk. No-op when
   * stopped.
   */
  public synchronized void stopBroker() {
    checkOpen();
    if (brokerRunning) {
      broker().shutdown();
      brokerRunning = false;
    }
  }

  /**
   * Starts the stopped broker again on the same port and log directory; returns once it is ready
   * for clients. No-op when running.
   */
  public synchronized void startBroker() {
    checkOpen();
    if (brokerRunning) {
      return;
    }
    try {
      broker().startup();
      cluster.waitForReadyBrokers();
      brokerRunning = true;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("Cannot restart the embedded Kafka broker: " + e, e);
    }
  }

  /** Stops the broker and controller and deletes the data. Idempotent. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      closeQuietly(cluster);
    }
  }

  private BrokerServer broker() {
    return cluster.brokers().values().iterator().next();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("The embedded Kafka broker is closed");
    }
  }

  private static void closeQuietly(KafkaClusterTestKit cluster) {
    if (cluster == null) {
      return;
    }
    try {
      cluster.close();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
