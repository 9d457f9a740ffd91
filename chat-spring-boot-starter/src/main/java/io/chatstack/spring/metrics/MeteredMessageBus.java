package io.chatstack.spring.metrics;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ForwardingMessageBus;
import io.chatstack.core.MessageBus;
import io.chatstack.core.MessageListener;
import io.chatstack.core.Subscription;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link MessageBus} decorator that records Micrometer metrics:
 *
 * <ul>
 *   <li>{@code chatstack.messages.in} — messages acknowledged by the log (tag {@code type});
 *   <li>{@code chatstack.messages.failed} — sends that failed;
 *   <li>{@code chatstack.messages.out} — deliveries to local subscribers;
 *   <li>{@code chatstack.delivery.latency} — time from the server accepting a message (its
 *       timestamp) to its delivery to a local subscriber, across nodes when clocks agree.
 * </ul>
 *
 * Thread-safe; adds a few counter increments to each publish and delivery.
 */
public final class MeteredMessageBus extends ForwardingMessageBus {
  private final MeterRegistry registry;
  private final Counter failed;
  private final Counter out;
  private final Timer latency;
  private final Clock clock;

  public MeteredMessageBus(MessageBus delegate, MeterRegistry registry, Clock clock) {
    super(delegate);
    this.registry = registry;
    this.clock = clock;
    this.failed = registry.counter("chatstack.messages.failed");
    this.out = registry.counter("chatstack.messages.out");
    this.latency =
        Timer.builder("chatstack.delivery.latency")
            .description("Server acceptance to local delivery")
            .publishPercentileHistogram()
            .register(registry);
  }

  @Override
  public CompletableFuture<ChatMessage> publish(ChatMessage message) {
    return delegate()
        .publish(message)
        .whenComplete(
            (ok, e) -> {
              if (e != null) {
                failed.increment();
              } else {
                registry.counter("chatstack.messages.in", "type", ok.type().name()).increment();
              }
            });
  }

  @Override
  public Subscription subscribe(long roomId, MessageListener listener) {
    return delegate()
        .subscribe(
            roomId,
            message -> {
              out.increment();
              long millis = clock.millis() - message.timestamp().toEpochMilli();
              latency.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
              listener.onMessage(message);
            });
  }
}
