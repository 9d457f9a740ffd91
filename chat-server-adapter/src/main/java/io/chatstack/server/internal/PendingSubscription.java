package io.chatstack.server.internal;

import io.chatstack.core.Subscription;

/**
 * Stands in a session's table for a subscription that is still being made, so that a revocation
 * arriving meanwhile (on a delivery thread) finds it: closing it before the real subscription is
 * attached closes that one as soon as it arrives. Thread-safe.
 */
final class PendingSubscription implements Subscription {
  private Subscription target;
  private boolean closed;
  private volatile boolean stopped;

  /** Stops deliveries at once (the listener asks {@link #stopped()}); any thread. */
  void stop() {
    stopped = true;
  }

  /** Whether deliveries must stop: stopped or closed. */
  boolean stopped() {
    return stopped;
  }

  /** The real subscription; closed at once when this was closed already. */
  void attach(Subscription subscription) {
    boolean closeNow;
    synchronized (this) {
      closeNow = closed;
      target = subscription;
    }
    if (closeNow) {
      subscription.close();
    }
  }

  @Override
  public void close() {
    stopped = true;
    Subscription toClose;
    synchronized (this) {
      closed = true;
      toClose = target;
    }
    if (toClose != null) {
      toClose.close();
    }
  }
}
