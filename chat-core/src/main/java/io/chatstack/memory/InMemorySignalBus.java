package io.chatstack.memory;

import io.chatstack.core.Signal;
import io.chatstack.core.SignalBus;
import io.chatstack.core.Subscription;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single-process {@link SignalBus}: every signal goes to every listener on one daemon thread, in
 * publish order. Share one instance between several {@code ChatService}s to simulate nodes in a
 * test. Thread-safe; {@link #close()} stops delivery.
 */
public final class InMemorySignalBus implements SignalBus {
  private static final Logger LOG = LoggerFactory.getLogger(InMemorySignalBus.class);
  private final List<Consumer<Signal>> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "chatstack-memory-signals");
            t.setDaemon(true);
            return t;
          });

  /** A bus with no listeners. */
  public InMemorySignalBus() {}

  @Override
  public void publish(Signal signal) {
    Objects.requireNonNull(signal, "signal");
    try {
      thread.execute(() -> deliver(signal));
    } catch (RejectedExecutionException closed) {
      // closed: signals are best effort
    }
  }

  private void deliver(Signal signal) {
    for (Consumer<Signal> listener : listeners) {
      try {
        listener.accept(signal);
      } catch (RuntimeException e) {
        LOG.warn("Signal listener failed on {}", signal.kind(), e);
      }
    }
  }

  @Override
  public Subscription subscribe(Consumer<Signal> listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public void close() {
    thread.shutdown();
    listeners.clear();
  }
}
