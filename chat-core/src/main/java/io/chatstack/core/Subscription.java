package io.chatstack.core;

/**
 * A live registration of a listener. Closing it stops delivery (a message being delivered
 * concurrently may still arrive). Idempotent, thread-safe.
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  @Override
  void close();
}
