package io.chatstack.spring.metrics;

import io.chatstack.core.ForwardingMessageBus;
import io.chatstack.core.MessageBus;
import io.chatstack.kafka.KafkaMessageBus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Counters of this node's Kafka bus, read from {@link KafkaMessageBus}: {@code
 * chatstack.hooks.after-persist.dead-lettered} (batches a PersistListener still failed on after its
 * last attempt, written to the dead-letter topic), {@code chatstack.hooks.after-persist.failures}
 * (failed calls, retries included), {@code chatstack.fanout.records.read} (message records this
 * node's fan-out read: the whole cluster's traffic) and {@code chatstack.fanout.records.parsed}
 * (those it parsed: records of rooms with a local subscriber; their ratio shows how much of the
 * traffic a node serves). All stay 0 until the context's singletons exist, and when the bus is not
 * a Kafka bus. Thread-safe.
 */
final class KafkaBusCounters implements MeterBinder, SmartInitializingSingleton {
  private final Supplier<MessageBus> bus;
  private final AtomicReference<KafkaMessageBus> kafka = new AtomicReference<>();

  /**
   * @param bus the application's message bus (it may be decorated), asked for once the context's
   *     singletons exist
   */
  KafkaBusCounters(Supplier<MessageBus> bus) {
    this.bus = bus;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    counter(
        registry,
        "chatstack.hooks.after-persist.dead-lettered",
        "Batches a PersistListener still failed on after its last attempt (dead-lettered)",
        KafkaMessageBus::deadLettered);
    counter(
        registry,
        "chatstack.hooks.after-persist.failures",
        "Failed PersistListener calls, retries included",
        KafkaMessageBus::afterPersistFailures);
    counter(
        registry,
        "chatstack.fanout.records.read",
        "Message records this node's fan-out read (every room's)",
        KafkaMessageBus::fanOutRecordsRead);
    counter(
        registry,
        "chatstack.fanout.records.parsed",
        "Message records this node's fan-out parsed (rooms with a local subscriber)",
        KafkaMessageBus::fanOutRecordsParsed);
  }

  private void counter(
      MeterRegistry registry,
      String name,
      String description,
      ToLongFunction<KafkaMessageBus> read) {
    FunctionCounter.builder(
            name,
            kafka,
            ref -> {
              KafkaMessageBus k = ref.get();
              return k == null ? 0 : read.applyAsLong(k);
            })
        .description(description)
        .register(registry);
  }

  @Override
  public void afterSingletonsInstantiated() {
    ForwardingMessageBus.unwrap(bus.get(), KafkaMessageBus.class).ifPresent(kafka::set);
  }
}
