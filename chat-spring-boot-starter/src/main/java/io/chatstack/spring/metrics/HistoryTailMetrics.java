package io.chatstack.spring.metrics;

import io.chatstack.core.ChatService;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.Supplier;

/**
 * This node's history tails ({@code chatstack.history.tail.*}), read from {@link
 * ChatService#historyTailStats()}: counters {@code chatstack.history.tail.hits} (pages and replays
 * answered from memory), {@code .misses} (sent to the store), {@code .loads} and {@code
 * .evictions}; gauges {@code .rooms} and {@code .bytes} (estimated size). All read 0 while the
 * service does not exist yet. Thread-safe.
 */
final class HistoryTailMetrics implements MeterBinder {
  private final Supplier<ChatService> chat;

  /**
   * @param chat the application's chat service, asked for at each reading (may be null)
   */
  HistoryTailMetrics(Supplier<ChatService> chat) {
    this.chat = chat;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    counter(registry, "hits", "History pages and replays answered from this node's tails");
    counter(registry, "misses", "History pages and replays the tails could not answer (store)");
    counter(registry, "loads", "History tails loaded from the store and the log");
    counter(registry, "evictions", "History tails dropped to stay within the size bound");
    gauge(registry, "rooms", "Rooms with a history tail on this node");
    gauge(registry, "bytes", "Estimated size of this node's history tails");
  }

  private long read(String stat) {
    ChatService service = chat.get();
    return service == null ? 0 : service.historyTailStats().getOrDefault(stat, 0L);
  }

  private void counter(MeterRegistry registry, String stat, String description) {
    FunctionCounter.builder("chatstack.history.tail." + stat, this, m -> m.read(stat))
        .description(description)
        .register(registry);
  }

  private void gauge(MeterRegistry registry, String stat, String description) {
    Gauge.builder("chatstack.history.tail." + stat, this, m -> m.read(stat))
        .description(description)
        .register(registry);
  }
}
