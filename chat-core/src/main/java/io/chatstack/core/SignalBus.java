package io.chatstack.core;

import java.util.function.Consumer;

/**
 * Port: carries ephemeral {@link Signal}s (presence, typing, read notifications) to every node,
 * including the sender's own. Best effort and unordered across senders, ordered per sender; signals
 * sent while a node is down are not replayed to it. Implementations: {@code
 * io.chatstack.memory.InMemorySignalBus} (one process) and {@code
 * io.chatstack.kafka.KafkaSignalBus} (a short-retention topic, no consumer group, read from its
 * end).
 *
 * <p>Thread-safe. Listeners are called on the bus's thread, one signal at a time, in arrival order;
 * they must be quick. Lifecycle: usable once constructed until {@link #close()}.
 */
public interface SignalBus extends AutoCloseable {

  /** Sends a signal to every node; never blocks for long, never throws for a delivery failure. */
  void publish(Signal signal);

  /** Receives every signal published from now on, from every node. */
  Subscription subscribe(Consumer<Signal> listener);

  /** Stops delivering and releases resources. Idempotent. */
  @Override
  void close();
}
