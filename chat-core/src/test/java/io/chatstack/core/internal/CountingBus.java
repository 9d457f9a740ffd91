package io.chatstack.core.internal;

import io.chatstack.core.ForwardingMessageBus;
import io.chatstack.core.MessageBus;
import io.chatstack.core.MessageListener;
import io.chatstack.core.Subscription;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A message bus that counts its open room subscriptions and can run a hook before the next. */
final class CountingBus extends ForwardingMessageBus {
  final AtomicInteger open = new AtomicInteger();
  volatile Runnable beforeNextSubscribe = () -> {};

  CountingBus(MessageBus delegate) {
    super(delegate);
  }

  @Override
  public Subscription subscribe(long roomId, MessageListener listener) {
    Runnable hook = beforeNextSubscribe;
    beforeNextSubscribe = () -> {};
    hook.run();
    Subscription subscription = super.subscribe(roomId, listener);
    open.incrementAndGet();
    AtomicBoolean closed = new AtomicBoolean();
    return () -> {
      if (closed.compareAndSet(false, true)) {
        open.decrementAndGet();
        subscription.close();
      }
    };
  }
}
