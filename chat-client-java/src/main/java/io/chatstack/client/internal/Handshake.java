package io.chatstack.client.internal;

import io.chatstack.client.ChatClientException;
import io.chatstack.stomp.StompFrame;
import java.util.concurrent.CompletableFuture;

/**
 * The CONNECT in progress: which link is handshaking and the future of its answer. The connector
 * starts and ends it; the inbound side hands it CONNECTED (or the link's close). Frames of other
 * links are ignored. Thread-safe.
 */
final class Handshake {
  private volatile Link link;
  private volatile CompletableFuture<StompFrame> answer = new CompletableFuture<>();
  private ChatClientException lostWhileHandshaking;

  /** Starts a handshake whose link is not open yet; returns the future of the answer. */
  CompletableFuture<StompFrame> begin() {
    CompletableFuture<StompFrame> next = new CompletableFuture<>();
    answer = next;
    return next;
  }

  /** The link now opened for the handshake. */
  void link(Link value) {
    this.link = value;
  }

  /** The handshaking link, or null. */
  Link link() {
    return link;
  }

  /**
   * The handshake is over (done or failed). Returns why its link closed if it closed after the
   * answer and before this call (the close was then reported here, not to the connector), else
   * null. A close after this call is the connector's to handle.
   */
  synchronized ChatClientException end() {
    link = null;
    ChatClientException lost = lostWhileHandshaking;
    lostWhileHandshaking = null;
    return lost;
  }

  /** The server answered CONNECT (or ERROR during the handshake). Inbound thread. */
  void answered(Link from, StompFrame frame) {
    if (from == link) {
      answer.complete(frame);
    }
  }

  /** True when {@code closed} was the handshaking link: its answer then fails. */
  synchronized boolean closed(Link closed, ChatClientException cause) {
    if (closed != link) {
      return false;
    }
    ChatClientException lost =
        cause != null ? cause : new ChatClientException("connection-lost", "Connection closed");
    answer.completeExceptionally(lost);
    lostWhileHandshaking = lost;
    return true;
  }
}
