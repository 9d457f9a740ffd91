package io.chatstack.client;

import io.chatstack.core.ChatMessage;

/**
 * Receives the messages of one room subscription, like OkHttp's {@code WebSocketListener}: override
 * what you need, the rest are no-ops.
 *
 * <p>Threading: called on the client's listener executor (by default one dedicated thread per
 * client), one call at a time per client, in {@code seq} order per room. Each message is delivered
 * exactly once, also across reconnects. Return quickly: a slow listener delays every other listener
 * of the client. Calling the client (e.g. {@link ChatClient#send}) from a callback is fine; do not
 * block on a {@code send} future inside a callback, since futures complete on the same executor.
 */
public interface RoomListener {

  /** One message of the room (chat, JOIN or LEAVE) with its assigned {@code seq}. */
  default void onMessage(ChatSubscription subscription, ChatMessage message) {}

  /**
   * An EDIT record: {@link ChatMessage#content()} is the new text of the message {@link
   * ChatMessage#targetId()}. Change records arrive in room order with their own {@code seq},
   * interleaved with messages, and are replayed after a reconnect like messages. Apply one only
   * when its seq is above the target's {@link ChatMessage#lastChangeSeq()} and the target is not
   * deleted (the rule history uses), so a replay changes nothing twice.
   */
  default void onEdit(ChatSubscription subscription, ChatMessage edit) {}

  /**
   * A DELETE record: the message {@link ChatMessage#targetId()} becomes a tombstone (content and
   * metadata removed, id and seq kept). See {@link #onEdit} for order and the apply rule.
   */
  default void onDelete(ChatSubscription subscription, ChatMessage delete) {}

  /**
   * A REACTION record: its sender added ({@link ChatMessage#reactionAdded()}) or removed the emoji
   * {@link ChatMessage#content()} on the message {@link ChatMessage#targetId()}. See {@link
   * #onEdit} for order and the apply rule.
   */
  default void onReaction(ChatSubscription subscription, ChatMessage reaction) {}

  /**
   * The subscription ended because of {@code error} (e.g. the client failed); no more messages
   * follow. Not called after {@link ChatSubscription#close()} or a graceful {@link
   * ChatClient#close()}.
   */
  default void onError(ChatSubscription subscription, ChatClientException error) {}

  /**
   * The server ended the subscription because the user is no longer a participant of the room (they
   * left or were removed, on any connection or node). No more messages follow, the client does not
   * re-subscribe after a reconnect, and {@link ChatSubscription#isActive()} is false. Messages up
   * to and including the user's LEAVE were delivered. Needs the error queue, which the client
   * always subscribes to.
   */
  default void onRevoked(ChatSubscription subscription) {}
}
