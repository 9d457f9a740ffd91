package io.chatstack.spring.health;

import io.chatstack.kafka.KafkaChatConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP when the Kafka cluster of the message bus answers a describe-cluster request within 5 s.
 * Thread-safe; the admin client is created on first use and closed with the context.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {
  private final KafkaChatConfig config;
  private Admin admin;

  public KafkaHealthIndicator(KafkaChatConfig config) {
    super("Kafka health check failed");
    this.config = config;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    DescribeClusterResult cluster = admin().describeCluster();
    int nodes = cluster.nodes().get(5, TimeUnit.SECONDS).size();
    builder
        .up()
        .withDetail("clusterId", cluster.clusterId().get(5, TimeUnit.SECONDS))
        .withDetail("nodes", nodes)
        .withDetail("topic", config.messagesTopic());
  }

  private synchronized Admin admin() {
    if (admin == null) {
      Map<String, Object> settings = new HashMap<>(config.clientOverrides());
      settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
      settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
      settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
      settings.put(AdminClientConfig.CLIENT_ID_CONFIG, config.nodeId() + "-health");
      admin = Admin.create(settings);
    }
    return admin;
  }

  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close();
    }
  }
}
