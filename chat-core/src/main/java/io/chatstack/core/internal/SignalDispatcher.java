package io.chatstack.core.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls listeners one at a time in the order their calls were queued, outside the caller's lock:
 * state changes queue their notifications while holding the service's lock (so the queue order is
 * the order of the changes) and call {@link #drain()} after releasing it. Whichever thread drains
 * runs the queued calls; a thread that finds another one draining returns at once. A listener that
 * throws is logged and the next call runs. Thread-safe.
 */
public final class SignalDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(SignalDispatcher.class);
  private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();

  /** Queues one listener call. */
  public void enqueue(Runnable call) {
    queue.add(call);
  }

  /** Runs the queued calls unless another thread is running them already. */
  public void drain() {
    while (!queue.isEmpty() && draining.compareAndSet(false, true)) {
      try {
        Runnable call;
        while ((call = queue.poll()) != null) {
          run(call);
        }
      } finally {
        draining.set(false);
      }
    }
  }

  private static void run(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("A presence or typing listener failed", e);
    }
  }
}
