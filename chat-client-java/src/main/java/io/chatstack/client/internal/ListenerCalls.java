package io.chatstack.client.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs listener calls and future completions on the listener executor, in order. A call that throws
 * is logged and does not stop later ones; once the executor stopped (client closed), calls run on
 * the caller's thread. Thread-safe.
 */
final class ListenerCalls implements Executor {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerCalls.class);
  private final Executor executor;

  ListenerCalls(Executor executor) {
    this.executor = executor;
  }

  @Override
  public void execute(Runnable call) {
    Runnable safe =
        () -> {
          try {
            call.run();
          } catch (RuntimeException e) {
            LOG.warn("chatstack client listener failed", e);
          }
        };
    try {
      executor.execute(safe);
    } catch (RejectedExecutionException e) {
      safe.run();
    }
  }
}
