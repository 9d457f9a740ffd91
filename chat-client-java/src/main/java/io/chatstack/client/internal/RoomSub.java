package io.chatstack.client.internal;

import io.chatstack.client.ChatClientException;
import io.chatstack.client.RoomListener;
import io.chatstack.core.ChatMessage;
import io.chatstack.json.ChatJson;
import io.chatstack.stomp.HeaderNames;
import io.chatstack.stomp.StompDestinations;
import io.chatstack.stomp.StompFrame;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One room subscription. {@link #offer} runs on the inbound thread (one at a time) and filters by
 * the last seq queued for the listener, so replays after a reconnect (SUBSCRIBE with {@code
 * since-seq}) never repeat a message. {@link #lastSeq} is the last seq the listener was handed,
 * which lags behind while calls wait on the executor (and stays there when they are dropped, after
 * a close or failure). Thread-safe.
 */
final class RoomSub extends Sub {
  final RoomListener listener;
  // Inbound thread: the last seq queued for the listener.
  private volatile long queuedSeq;
  // Listener executor: the last seq handed to the listener.
  private volatile long deliveredSeq;

  /**
   * @param calls runs listener calls
   * @param unsubscribe tells the server when the user closes the subscription
   */
  RoomSub(
      Executor calls,
      Consumer<Sub> unsubscribe,
      String id,
      long roomId,
      long afterSeq,
      RoomListener listener) {
    super(calls, unsubscribe, id, roomId);
    this.queuedSeq = afterSeq;
    this.deliveredSeq = afterSeq;
    this.listener = listener;
  }

  @Override
  String destination(StompDestinations destinations) {
    return destinations.room(roomId());
  }

  @Override
  void addHeaders(Map<String, String> headers) {
    headers.put(HeaderNames.SINCE_SEQ, Long.toString(queuedSeq));
  }

  @Override
  void offer(StompFrame frame) {
    ChatMessage message;
    try {
      message = ChatJson.fromJson(frame.body(), ChatMessage.class);
    } catch (RuntimeException e) {
      throw new ChatClientException(
          "malformed-frame",
          "The server sent a malformed MESSAGE frame: MESSAGE body is not a ChatMessage ("
              + e.getMessage()
              + ")");
    }
    offer(message);
  }

  /** Hands a message to the listener unless it was delivered before. Inbound thread only. */
  void offer(ChatMessage message) {
    if (!isActive() || message.seq() <= queuedSeq) {
      return;
    }
    queuedSeq = message.seq();
    switch (message.type()) {
      case EDIT -> deliver(message, () -> listener.onEdit(this, message));
      case DELETE -> deliver(message, () -> listener.onDelete(this, message));
      case REACTION -> deliver(message, () -> listener.onReaction(this, message));
      default -> deliver(message, () -> listener.onMessage(this, message));
    }
  }

  private void deliver(ChatMessage message, Runnable call) {
    deliver(
        () -> {
          deliveredSeq = message.seq();
          call.run();
        });
  }

  @Override
  void onError(ChatClientException error) {
    listener.onError(this, error);
  }

  @Override
  void onRevoked() {
    listener.onRevoked(this);
  }

  @Override
  String what() {
    return "SUBSCRIBE to room " + roomId();
  }

  @Override
  public long lastSeq() {
    return deliveredSeq;
  }

  @Override
  public String toString() {
    return "ChatSubscription[room=" + roomId() + ", lastSeq=" + deliveredSeq + "]";
  }
}
