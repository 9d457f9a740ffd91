package io.chatstack.client;

/**
 * Receives the events of one presence, typing, read-receipt or read-state subscription ({@link
 * ChatClient#subscribePresence}, {@link ChatClient#subscribeTyping}, {@link
 * ChatClient#subscribeReceipts}, {@link ChatClient#subscribeReadState}), like {@link RoomListener}:
 * implement {@link #onEvent}, override the rest if you need them (no-ops).
 *
 * <p>Threading: called on the client's listener executor (by default one dedicated thread per
 * client), one call at a time per client, in the order the server sent the events, serialized with
 * every other listener of the client. Return quickly. Signals are ephemeral: events missed while
 * the connection was down are not replayed (a presence subscription starts again with a snapshot).
 *
 * @param <T> the event type: {@link io.chatstack.core.PresenceEvent}, {@link
 *     io.chatstack.core.TypingEvent}, {@link io.chatstack.core.ReadReceipt} or {@link
 *     io.chatstack.core.ReadState}
 */
@FunctionalInterface
public interface SignalListener<T> {

  /** One event of the subscription. */
  void onEvent(ChatSubscription subscription, T event);

  /**
   * The subscription ended because of {@code error} (e.g. the client failed); no more events
   * follow. Not called after {@link ChatSubscription#close()} or a graceful {@link
   * ChatClient#close()}.
   */
  default void onError(ChatSubscription subscription, ChatClientException error) {}

  /**
   * The server ended the subscription because the user is no longer a participant of its room (they
   * left or were removed, on any connection or node); no more events follow, the client does not
   * re-subscribe after a reconnect, and {@link ChatSubscription#isActive()} is false. Never called
   * for the read-state subscription, which is the user's own.
   */
  default void onRevoked(ChatSubscription subscription) {}
}
