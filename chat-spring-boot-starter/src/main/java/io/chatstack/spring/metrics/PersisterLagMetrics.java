package io.chatstack.spring.metrics;

import io.chatstack.core.ForwardingMessageBus;
import io.chatstack.core.MessageBus;
import io.chatstack.kafka.KafkaMessageBus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Gauge {@code chatstack.persister.lag}: messages in the Kafka log not yet confirmed stored by the
 * persister group, as {@link KafkaMessageBus#persisterLag()} reports it (with the bus's own admin
 * client). A thin adapter: refreshed every 5 s on a daemon thread, started once all singletons
 * exist; -1 until the first successful read. Closed with the context.
 */
final class PersisterLagMetrics implements MeterBinder, SmartInitializingSingleton, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PersisterLagMetrics.class);

  private final Supplier<MessageBus> bus;
  private final AtomicLong lag = new AtomicLong(-1);
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "chatstack-persister-lag");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param bus the application's message bus (it may be decorated), asked for once the context's
   *     singletons exist
   */
  PersisterLagMetrics(Supplier<MessageBus> bus) {
    this.bus = bus;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("chatstack.persister.lag", lag, AtomicLong::get)
        .description("Messages in Kafka not yet confirmed stored by the persister")
        .register(registry);
  }

  @Override
  public void afterSingletonsInstantiated() {
    Optional<KafkaMessageBus> kafka = ForwardingMessageBus.unwrap(bus.get(), KafkaMessageBus.class);
    if (kafka.isEmpty()) {
      LOG.info("The message bus is not a KafkaMessageBus; chatstack.persister.lag stays -1");
      return;
    }
    timer.scheduleWithFixedDelay(() -> refresh(kafka.get()), 0, 5, TimeUnit.SECONDS);
  }

  private void refresh(KafkaMessageBus kafka) {
    try {
      lag.set(kafka.persisterLag());
    } catch (RuntimeException e) {
      LOG.debug("Reading the persister lag failed", e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
