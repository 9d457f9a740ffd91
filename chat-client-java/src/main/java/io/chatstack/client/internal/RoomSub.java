package io.chatstack.client.internal;

import io.chatstack.client.ChatSubscription;
import io.chatstack.client.RoomListener;
import io.chatstack.core.ChatMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One room subscription. {@link #offer} runs on the inbound thread (one at a time) and filters by
 * the last delivered seq, so replays after a reconnect never repeat a message. Thread-safe.
 */
final class RoomSub implements ChatSubscription {
  final String id;
  final RoomListener listener;
  final CompletableFuture<Void> confirmed = new CompletableFuture<>();
  private final Executor calls;
  private final Consumer<RoomSub> unsubscribe;
  private final long roomId;
  private final AtomicBoolean active = new AtomicBoolean(true);
  private volatile long lastSeq;
  volatile Link link;

  /**
   * @param calls runs listener calls
   * @param unsubscribe tells the server when the user closes the subscription
   */
  RoomSub(
      Executor calls,
      Consumer<RoomSub> unsubscribe,
      String id,
      long roomId,
      long afterSeq,
      RoomListener listener) {
    this.calls = calls;
    this.unsubscribe = unsubscribe;
    this.id = id;
    this.roomId = roomId;
    this.lastSeq = afterSeq;
    this.listener = listener;
  }

  /** Hands a message to the listener unless it was delivered before. Inbound thread only. */
  void offer(ChatMessage message) {
    if (!active.get() || message.seq() <= lastSeq) {
      return;
    }
    lastSeq = message.seq();
    calls.execute(
        () -> {
          if (active.get()) {
            listener.onMessage(this, message);
          }
        });
  }

  /** Ends delivery without telling the server; true the first time. */
  boolean deactivate() {
    return active.compareAndSet(true, false);
  }

  @Override
  public long roomId() {
    return roomId;
  }

  @Override
  public long lastSeq() {
    return lastSeq;
  }

  @Override
  public boolean isActive() {
    return active.get();
  }

  @Override
  public void close() {
    if (deactivate()) {
      unsubscribe.accept(this);
    }
  }

  @Override
  public String toString() {
    return "ChatSubscription[room=" + roomId + ", lastSeq=" + lastSeq + "]";
  }
}
