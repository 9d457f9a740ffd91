package io.chatstack.client;

/**
 * An active subscription: to a room's messages ({@link ChatClient#subscribe}), or to a room's
 * presence, typing or read receipts, or to the user's read state ({@link
 * ChatClient#subscribePresence} and the like). It survives reconnects: the client resubscribes, a
 * room with the last delivered {@code seq}. Thread-safe.
 */
public interface ChatSubscription extends AutoCloseable {

  /** The room; -1 for the read-state subscription, which covers all the user's rooms. */
  long roomId();

  /**
   * The {@code seq} of the last message handed to the listener (messages still waiting for the
   * listener executor do not count), or the {@code afterSeq} subscribed with (-1 by default) before
   * the first; always -1 for presence, typing, read-receipt and read-state subscriptions, which
   * carry no seq. Subscribing again after it misses nothing the listener has not seen.
   */
  long lastSeq();

  /** Whether the subscription still delivers messages. */
  boolean isActive();

  /** Stops delivery (UNSUBSCRIBE when connected). Idempotent; never throws. */
  @Override
  void close();
}
