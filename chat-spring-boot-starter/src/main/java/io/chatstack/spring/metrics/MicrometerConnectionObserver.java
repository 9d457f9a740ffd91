package io.chatstack.spring.metrics;

import io.chatstack.spring.websocket.ConnectionObserver;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Records {@code chatstack.sessions} (open STOMP sessions, gauge) and {@code
 * chatstack.sessions.closed} (sessions the server closed because of the client, tagged with the
 * STOMP error code, e.g. {@code reason=slow-consumer}) in the registry, once one exists.
 * Thread-safe.
 */
final class MicrometerConnectionObserver implements ConnectionObserver {
  private final Supplier<MeterRegistry> registry;
  private final AtomicInteger open = new AtomicInteger();
  private volatile MeterRegistry bound;

  /**
   * @param registry supplies the registry, or null while there is none
   */
  MicrometerConnectionObserver(Supplier<MeterRegistry> registry) {
    this.registry = registry;
  }

  private MeterRegistry registry() {
    MeterRegistry meters = bound;
    if (meters == null) {
      synchronized (this) {
        if (bound == null && (meters = registry.get()) != null) {
          meters.gauge("chatstack.sessions", open);
          bound = meters;
        }
        meters = bound;
      }
    }
    return meters;
  }

  @Override
  public void opened() {
    open.incrementAndGet();
    registry();
  }

  @Override
  public void closed() {
    open.decrementAndGet();
  }

  @Override
  public void closedByServer(String reason) {
    MeterRegistry meters = registry();
    if (meters != null) {
      meters.counter("chatstack.sessions.closed", "reason", reason).increment();
    }
  }
}
