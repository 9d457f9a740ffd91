package io.chatstack.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A SignalListener that records its events and how its subscription ended. */
final class SignalRecorder<T> implements SignalListener<T> {
  final List<T> events = new CopyOnWriteArrayList<>();
  final List<String> ends = new CopyOnWriteArrayList<>();
  final List<ChatSubscription> subscriptions = new CopyOnWriteArrayList<>();

  @Override
  public void onEvent(ChatSubscription subscription, T event) {
    subscriptions.add(subscription);
    events.add(event);
  }

  @Override
  public void onError(ChatSubscription subscription, ChatClientException error) {
    ends.add("error:" + error.code());
  }

  @Override
  public void onRevoked(ChatSubscription subscription) {
    subscriptions.add(subscription);
    ends.add("revoked:" + subscription.roomId());
  }
}
