package io.chatstack.core;

/**
 * Receives the records of one room in {@code seq} order: messages and change records (EDIT, DELETE,
 * REACTION; see {@link ChatMessage#isChange()}), which a listener applies to the messages it holds
 * by the rule of {@link ChatMessage}.
 *
 * <p>Called on a delivery thread owned by the {@link MessageBus} (the publishing thread for the
 * in-memory bus, the fan-out consumer thread for Kafka); never concurrently for one subscription.
 * Implementations must return quickly and must not block: hand work to a queue. An exception thrown
 * by a listener is logged and does not affect other listeners.
 */
@FunctionalInterface
public interface MessageListener {
  /** One record of the room, with its assigned seq. */
  void onMessage(ChatMessage message);

  /**
   * Called once by {@link ChatService#subscribe(long, long, MessageListener)}, on the subscribing
   * thread, after the last missed record and before the first live one: live records that arrive
   * meanwhile wait until it returns. A listener that decides from the replay whether to go on (the
   * STOMP adapter ends a subscription whose replay ended with the subscriber's own removal) decides
   * here, so that no live record is delivered before the decision. Must return quickly. Never
   * called for subscriptions without a replay. The default does nothing.
   */
  default void caughtUp() {}
}
