package io.chatstack.client.internal;

import io.chatstack.client.ChatClientException;
import java.util.concurrent.Executor;

/**
 * Fails what is still waiting for the server when a connection or the client ends: requests on a
 * lost connection, and on close or failure also sends and subscriptions. Thread-safe.
 */
final class Unanswered {
  private final Waiters waiters;
  private final PendingSends sends;
  private final Subscriptions subs;
  private final Executor calls;

  Unanswered(Waiters waiters, PendingSends sends, Subscriptions subs, Executor calls) {
    this.waiters = waiters;
    this.sends = sends;
    this.subs = subs;
    this.calls = calls;
  }

  void failAll(ChatClientException error, boolean tellSubscriptions) {
    failWaiters(error);
    for (PendingSend send : sends.drain()) {
      calls.execute(() -> send.future().completeExceptionally(error));
    }
    for (Sub sub : subs.inOrder()) {
      subs.remove(sub.id);
      sub.confirmed.completeExceptionally(error);
      if (sub.deactivate() && tellSubscriptions) {
        sub.tellError(error);
      }
    }
  }

  void failWaiters(ChatClientException error) {
    waiters.failAll(error);
  }
}
