package io.chatstack.core.internal;

import io.chatstack.core.Signal;
import io.chatstack.core.SignalBus;
import io.chatstack.core.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A synchronous signal bus for unit tests: records what is published and delivers it on the
 * publishing thread; {@link #deliver} injects a signal "from another node".
 */
final class DirectSignalBus implements SignalBus {
  final List<Signal> published = new CopyOnWriteArrayList<>();
  private final List<Consumer<Signal>> listeners = new CopyOnWriteArrayList<>();

  @Override
  public void publish(Signal signal) {
    published.add(signal);
    deliver(signal);
  }

  void deliver(Signal signal) {
    listeners.forEach(l -> l.accept(signal));
  }

  List<Signal> published(Signal.Kind kind) {
    return published.stream().filter(s -> s.kind() == kind).toList();
  }

  int listenerCount() {
    return listeners.size();
  }

  @Override
  public Subscription subscribe(Consumer<Signal> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public void close() {
    listeners.clear();
  }
}
