package io.chatstack.spring.health;

import io.chatstack.core.ForwardingMessageBus;
import io.chatstack.core.MessageBus;
import io.chatstack.kafka.KafkaHealth;
import io.chatstack.kafka.KafkaMessageBus;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP when the Kafka cluster of the message bus answers {@link KafkaMessageBus#health()} (asked with
 * the bus's own admin client, at most 5 s); DOWN when it does not; UNKNOWN when the application's
 * message bus is not a Kafka bus. A thin adapter: it opens no client of its own. Thread-safe.
 */
final class KafkaHealthIndicator extends AbstractHealthIndicator {
  private final Supplier<MessageBus> bus;

  /**
   * @param bus the application's message bus, asked for at each check (it may be decorated)
   */
  KafkaHealthIndicator(Supplier<MessageBus> bus) {
    super("Kafka health check failed");
    this.bus = bus;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Optional<KafkaMessageBus> kafka = ForwardingMessageBus.unwrap(bus.get(), KafkaMessageBus.class);
    if (kafka.isEmpty()) {
      builder.unknown().withDetail("reason", "the message bus is not a KafkaMessageBus");
      return;
    }
    KafkaHealth health = kafka.get().health();
    builder
        .up()
        .withDetail("clusterId", health.clusterId())
        .withDetail("nodes", health.nodes())
        .withDetail("topic", health.messagesTopic());
  }
}
