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
   * thread, after the last record delivered on that thread (the missed records, then the live ones
   * that arrived during the replay) and before the first record delivered on a bus thread, also
   * when nothing was missed. A listener that decides from the replay whether to go on (the STOMP
   * adapter ends a subscription whose replay ended with the subscriber's own removal) decides here,
   * so that no later record is delivered before the decision. Not called by {@link
   * ChatService#subscribe(long, MessageListener)}, nor when the replay fails. An exception is
   * logged and ignored. The default does nothing.
   *
   * <p>Runs under a lock that the bus's delivery of this room may be waiting for: it must not
   * block, publish or subscribe.
   */
  default void caughtUp() {}

  /**
   * Called once by {@link ChatService#subscribe(long, long, MessageListener)}, on the subscribing
   * thread, when the listener is registered for live records and before the first missed record is
   * read: the place for a last authorization check of the replay. From here on every record of the
   * room reaches the listener, replayed or live, so a check that passes here misses no later change
   * (the STOMP adapter reads the subscriber's membership fresh here, then ends the subscription at
   * their removal in the stream). An exception thrown here ends the subscription before anything
   * was delivered: the registration is removed and {@code subscribe} throws it. Live records that
   * arrive meanwhile wait until the replay is done. Not called by {@link
   * ChatService#subscribe(long, MessageListener)}. The default does nothing.
   */
  default void registered() {}
}
