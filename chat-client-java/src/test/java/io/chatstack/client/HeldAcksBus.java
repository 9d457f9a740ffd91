package io.chatstack.client;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageBus;
import io.chatstack.core.MessageListener;
import io.chatstack.core.RoomEvent;
import io.chatstack.core.RoomEventListener;
import io.chatstack.core.Subscription;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A real in-memory bus whose acknowledgement of one chosen message is held back until released: the
 * message is stored and delivered at once, but the sender's RECEIPT waits — so a server stop in
 * between loses exactly the RECEIPT.
 */
final class HeldAcksBus implements MessageBus {
  private final MessageBus delegate;
  private final CompletableFuture<Void> release = new CompletableFuture<>();
  private volatile String heldContent;

  HeldAcksBus(MessageBus delegate) {
    this.delegate = delegate;
  }

  void holdAckOf(String content) {
    heldContent = content;
  }

  void release() {
    release.complete(null);
  }

  @Override
  public CompletableFuture<ChatMessage> publish(ChatMessage message) {
    CompletableFuture<ChatMessage> published = delegate.publish(message);
    if (!message.content().equals(heldContent)) {
      return published;
    }
    heldContent = null; // only the first publication; a re-send is answered normally
    return published.thenCombine(release, (stored, ignored) -> stored);
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
