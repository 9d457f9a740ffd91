package io.chatstack.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link MessageBus} that forwards every call to another bus: extend it and override only what a
 * decorator changes (metrics, tracing, test hooks). Thread-safe when the delegate is; the lifecycle
 * is the delegate's ({@link #close()} closes it).
 */
public abstract class ForwardingMessageBus implements MessageBus {
  private final MessageBus delegate;

  /** A bus forwarding to {@code delegate}. */
  protected ForwardingMessageBus(MessageBus delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The bus this one forwards to. */
  public final MessageBus delegate() {
    return delegate;
  }

  /**
   * {@code bus} itself or the first bus of {@code type} found by following {@link #delegate()}
   * through forwarding buses; empty when there is none.
   */
  public static <T extends MessageBus> Optional<T> unwrap(MessageBus bus, Class<T> type) {
    MessageBus current = Objects.requireNonNull(bus, "bus");
    while (true) {
      if (type.isInstance(current)) {
        return Optional.of(type.cast(current));
      }
      if (!(current instanceof ForwardingMessageBus forwarding)) {
        return Optional.empty();
      }
      current = forwarding.delegate();
    }
  }

  @Override
  public CompletableFuture<ChatMessage> publish(ChatMessage message) {
    return delegate.publish(message);
  }

  @Override
  public Subscription subscribe(long roomId, MessageListener listener) {
    return delegate.subscribe(roomId, listener);
  }

  @Override
  public List<ChatMessage> since(long roomId, long afterSeq, int limit) {
    return delegate.since(roomId, afterSeq, limit);
  }

  @Override
  public Optional<ChatMessage> find(long roomId, String messageId) {
    return delegate.find(roomId, messageId);
  }

  @Override
  public long eraseSender(String sender) {
    return delegate.eraseSender(sender);
  }

  @Override
  public long eraseRoom(long roomId) {
    return delegate.eraseRoom(roomId);
  }

  @Override
  public long withinLog(long roomId, long afterSeq) {
    return delegate.withinLog(roomId, afterSeq);
  }

  @Override
  public HistoryPage history(long roomId, HistoryQuery query) {
    return delegate.history(roomId, query);
  }

  @Override
  public CompletableFuture<Void> publishRoomEvent(RoomEvent event) {
    return delegate.publishRoomEvent(event);
  }

  @Override
  public Subscription subscribeRoomEvents(RoomEventListener listener) {
    return delegate.subscribeRoomEvents(listener);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
