package io.chatstack.client;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ForwardingMessageBus;
import io.chatstack.core.MessageBus;
import java.util.concurrent.CompletableFuture;

/**
 * A real in-memory bus whose acknowledgement of one chosen message is held back until released: the
 * message is stored and delivered at once, but the sender's RECEIPT waits — so a server stop in
 * between loses exactly the RECEIPT.
 */
final class HeldAcksBus extends ForwardingMessageBus {
  private final CompletableFuture<Void> release = new CompletableFuture<>();
  private volatile String heldContent;

  HeldAcksBus(MessageBus delegate) {
    super(delegate);
  }

  void holdAckOf(String content) {
    heldContent = content;
  }

  void release() {
    release.complete(null);
  }

  @Override
  public CompletableFuture<ChatMessage> publish(ChatMessage message) {
    CompletableFuture<ChatMessage> published = delegate().publish(message);
    if (!message.content().equals(heldContent)) {
      return published;
    }
    heldContent = null; // only the first publication; a re-send is answered normally
    return published.thenCombine(release, (stored, ignored) -> stored);
  }
}
