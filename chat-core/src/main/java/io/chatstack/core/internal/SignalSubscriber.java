package io.chatstack.core.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One listener of a presence or typing subscription; stops delivering once closed. Thread-safe.
 *
 * @param <E> the event type
 */
final class SignalSubscriber<E> {
  private final Consumer<E> listener;
  private final AtomicBoolean open = new AtomicBoolean(true);

  SignalSubscriber(Consumer<E> listener) {
    this.listener = listener;
  }

  void deliver(E event) {
    if (open.get()) {
      listener.accept(event);
    }
  }

  void close() {
    open.set(false);
  }
}
