package io.chatstack.client.internal;

import io.chatstack.client.ChatClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Fails what is still waiting for the server when a connection or the client ends: requests on a
 * lost connection, and on close or failure also sends and subscriptions. Stateless.
 */
final class Unanswered {
  private Unanswered() {}

  static void failAll(ClientCore core, ChatClientException error, boolean tellSubscriptions) {
    failWaiters(core, error);
    List<PendingSend> unanswered = new ArrayList<>(core.sends.values());
    core.sends.clear();
    for (PendingSend send : unanswered) {
      core.emit(() -> send.future().completeExceptionally(error));
    }
    for (RoomSub sub : core.subscriptionsInOrder()) {
      core.subs.remove(sub.id);
      sub.confirmed.completeExceptionally(error);
      if (sub.deactivate() && tellSubscriptions) {
        core.emit(() -> sub.listener.onError(sub, error));
      }
    }
  }

  static void failWaiters(ClientCore core, ChatClientException error) {
    for (String id : List.copyOf(core.waiters.keySet())) {
      CompletableFuture<StompFrame> waiter = core.waiters.remove(id);
      if (waiter != null) {
        waiter.completeExceptionally(error);
      }
    }
  }
}
