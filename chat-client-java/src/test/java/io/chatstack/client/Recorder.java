package io.chatstack.client;

import io.chatstack.core.ChatMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A RoomListener and ConnectionListener that records what it was called with. */
final class Recorder implements RoomListener, ConnectionListener {
  final List<ChatMessage> messages = new CopyOnWriteArrayList<>();
  final List<String> events = new CopyOnWriteArrayList<>();
  final List<Thread> threads = new CopyOnWriteArrayList<>();
  volatile ChatClientException failure;

  @Override
  public void onMessage(ChatSubscription subscription, ChatMessage message) {
    threads.add(Thread.currentThread());
    messages.add(message);
  }

  @Override
  public void onError(ChatSubscription subscription, ChatClientException error) {
    events.add("error:" + error.code());
  }

  @Override
  public void onRevoked(ChatSubscription subscription) {
    events.add("revoked:" + subscription.roomId());
  }

  @Override
  public void onConnected(ChatClient client) {
    events.add("connected");
  }

  @Override
  public void onDisconnected(ChatClient client, ChatClientException cause) {
    events.add("disconnected");
  }

  @Override
  public void onReconnecting(ChatClient client, int attempt, java.time.Duration delay) {
    events.add("reconnecting");
  }

  @Override
  public void onClosed(ChatClient client) {
    events.add("closed");
  }

  @Override
  public void onFailure(ChatClient client, ChatClientException error) {
    failure = error;
    events.add("failure:" + error.code());
  }

  List<String> contents() {
    return messages.stream().map(ChatMessage::content).toList();
  }
}
