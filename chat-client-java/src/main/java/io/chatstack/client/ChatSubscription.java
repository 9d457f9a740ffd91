package io.chatstack.client;

/**
 * An active subscription to a room's messages, from {@link ChatClient#subscribe}. It survives
 * reconnects: the client resubscribes with the last delivered {@code seq}. Thread-safe.
 */
public interface ChatSubscription extends AutoCloseable {

  /** The room. */
  long roomId();

  /** The {@code seq} of the last message handed to the listener, or -1 before the first. */
  long lastSeq();

  /** Whether the subscription still delivers messages. */
  boolean isActive();

  /** Stops delivery (UNSUBSCRIBE when connected). Idempotent; never throws. */
  @Override
  void close();
}
