package io.chatstack.spring.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatService;
import io.chatstack.core.MessageBus;
import io.chatstack.core.PersistListener;
import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryMessageStore;
import io.chatstack.spring.ChatstackAutoConfiguration;
import io.chatstack.spring.kafka.ChatKafkaAutoConfiguration;
import io.chatstack.spring.metrics.ChatKafkaMetricsAutoConfiguration;
import io.chatstack.spring.metrics.ChatMetricsAutoConfiguration;
import io.chatstack.spring.metrics.MeteredMessageBus;
import io.chatstack.testkit.kafka.EmbeddedKafka;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The Kafka health indicator and the persister-lag gauge are adapters over the bus's own state
 * (through the metrics decorator), not clients of their own.
 */
class KafkaBusAdaptersIT {
  private static EmbeddedKafka kafka;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
          .withConfiguration(
              AutoConfigurations.of(
                  ChatMetricsAutoConfiguration.class,
                  ChatKafkaAutoConfiguration.class,
                  ChatstackAutoConfiguration.class,
                  ChatHealthAutoConfiguration.class,
                  ChatKafkaMetricsAutoConfiguration.class))
          .withPropertyValues(
              "chatstack.kafka.partitions=2",
              "chatstack.kafka.messages-topic=adapters-" + UUID.randomUUID());

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @Test
  void healthAndLagComeFromTheDecoratedKafkaBus() {
    runner
        .withPropertyValues("chatstack.kafka.bootstrap-servers=" + kafka.bootstrapServers())
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              HealthIndicator health =
                  context.getBean("chatstackKafkaHealthIndicator", HealthIndicator.class);
              var result = health.health(true);
              assertThat(result.getStatus()).isEqualTo(Status.UP);
              assertThat(result.getDetails()).containsEntry("nodes", 1).containsKey("clusterId");
              assertThat(context.getBean(MessageBus.class)).isInstanceOf(MeteredMessageBus.class);
              MeterRegistry meters = context.getBean(MeterRegistry.class);
              // Spring Boot's metrics auto-configuration binds MeterBinder beans; here by hand.
              context.getBean("chatstackPersisterLagMetrics", MeterBinder.class).bindTo(meters);
              await()
                  .atMost(Duration.ofSeconds(30))
                  .untilAsserted(
                      () ->
                          assertThat(meters.get("chatstack.persister.lag").gauge().value())
                              .isZero());
            });
  }

  @Test
  void afterPersistSettingsReachThePersisterAndDeadLettersAreCounted() {
    AtomicInteger calls = new AtomicInteger();
    runner
        .withPropertyValues(
            "chatstack.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "chatstack.kafka.persister-group-id=adapters-" + UUID.randomUUID(),
            "chatstack.kafka.dead-letters-topic=adapters-dl-" + UUID.randomUUID(),
            "chatstack.hooks.after-persist.max-attempts=2",
            "chatstack.hooks.after-persist.initial-backoff=10ms",
            "chatstack.hooks.after-persist.max-backoff=20ms")
        .withBean(
            PersistListener.class,
            () ->
                batch -> {
                  calls.incrementAndGet();
                  throw new IllegalStateException("webhook receiver down");
                })
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              MeterRegistry meters = context.getBean(MeterRegistry.class);
              context.getBean("chatstackKafkaBusCounters", MeterBinder.class).bindTo(meters);
              context.getBean(ChatService.class).createRoom("hooks", "alice");
              await()
                  .atMost(Duration.ofSeconds(30))
                  .untilAsserted(
                      () ->
                          assertThat(
                                  meters
                                      .get("chatstack.hooks.after-persist.dead-lettered")
                                      .functionCounter()
                                      .count())
                              .isGreaterThanOrEqualTo(1));
              double deadLettered =
                  meters
                      .get("chatstack.hooks.after-persist.dead-lettered")
                      .functionCounter()
                      .count();
              // max-attempts=2: two failed calls per dead-lettered batch
              assertThat(
                      meters
                          .get("chatstack.hooks.after-persist.failures")
                          .functionCounter()
                          .count())
                  .isEqualTo(2 * deadLettered);
              assertThat(calls.get()).isEqualTo((int) (2 * deadLettered));
              // The room's first record was read by this node's fan-out; nobody subscribed to
              // the room here, so it was not parsed.
              double read = meters.get("chatstack.fanout.records.read").functionCounter().count();
              assertThat(read).isGreaterThanOrEqualTo(1);
              assertThat(meters.get("chatstack.fanout.records.parsed").functionCounter().count())
                  .isLessThan(read);
            });
  }

  @Test
  void invalidAfterPersistSettingsFailNamingTheProperty() {
    runner
        .withPropertyValues(
            "chatstack.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "chatstack.hooks.after-persist.max-attempts=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("afterPersistMaxAttempts must be at least 1"));
  }

  @Test
  void anInvalidPersisterLingerFailsNamingTheProperty() {
    runner
        .withPropertyValues(
            "chatstack.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "chatstack.kafka.persister-linger=-1s")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("persisterLinger must be between 0 and 30 seconds"));
    runner
        .withPropertyValues(
            "chatstack.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
            "chatstack.send-timeout=1s",
            "chatstack.kafka.persister-linger=1s")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining("chatstack.kafka.persister-linger")
                    .rootCause()
                    .hasMessageContaining("must be shorter than sendTimeout"));
  }

  @Test
  void anApplicationBusThatIsNotKafkaLeavesTheIndicatorUnknown() {
    runner
        .withPropertyValues("chatstack.kafka.bootstrap-servers=" + kafka.bootstrapServers())
        .withBean(
            MessageBus.class,
            () -> new InMemoryMessageBus(new InMemoryMessageStore()),
            bd -> bd.setDestroyMethodName("close"))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              HealthIndicator health =
                  context.getBean("chatstackKafkaHealthIndicator", HealthIndicator.class);
              assertThat(health.health(true).getStatus()).isEqualTo(Status.UNKNOWN);
              MeterRegistry meters = context.getBean(MeterRegistry.class);
              context.getBean("chatstackPersisterLagMetrics", MeterBinder.class).bindTo(meters);
              assertThat(meters.get("chatstack.persister.lag").gauge().value()).isEqualTo(-1);
            });
  }
}
