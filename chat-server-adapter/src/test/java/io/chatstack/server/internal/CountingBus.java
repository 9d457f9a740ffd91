package io.chatstack.server.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ForwardingMessageBus;
import io.chatstack.core.MessageListener;
import io.chatstack.core.RoomEventListener;
import io.chatstack.core.Subscription;
import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryMessageStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The in-memory bus, counting the subscriptions still open (so that a test sees what a session
 * forgot to close) and failing publishes on demand.
 */
final class CountingBus extends ForwardingMessageBus {
  final AtomicInteger open = new AtomicInteger();

  /** When set, every publish fails with it. */
  final AtomicReference<Throwable> publishFailure = new AtomicReference<>();

  /** When set, every room subscription fails with it. */
  final AtomicReference<RuntimeException> subscribeFailure = new AtomicReference<>();

  CountingBus() {
    super(new InMemoryMessageBus(new InMemoryMessageStore()));
  }

  @Override
  public CompletableFuture<ChatMessage> publish(ChatMessage message) {
    Throwable failure = publishFailure.get();
    return failure == null ? super.publish(message) : CompletableFuture.failedFuture(failure);
  }

  @Override
  public Subscription subscribe(long roomId, MessageListener listener) {
    RuntimeException failure = subscribeFailure.get();
    if (failure != null) {
      throw failure;
    }
    return counted(super.subscribe(roomId, listener));
  }

  @Override
  public Subscription subscribeRoomEvents(RoomEventListener listener) {
    return counted(super.subscribeRoomEvents(listener));
  }

  private Subscription counted(Subscription subscription) {
    open.incrementAndGet();
    AtomicInteger closed = new AtomicInteger();
    return () -> {
      if (closed.getAndIncrement() == 0) {
        open.decrementAndGet();
      }
      subscription.close();
    };
  }
}
