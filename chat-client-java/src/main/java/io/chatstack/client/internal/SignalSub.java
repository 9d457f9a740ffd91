package io.chatstack.client.internal;

import io.chatstack.client.ChatClientException;
import io.chatstack.client.SignalListener;
import io.chatstack.stomp.StompDestinations;
import io.chatstack.stomp.StompFrame;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A presence, typing, read-receipt or read-state subscription: each MESSAGE is read into an event
 * ({@link SignalBodies}) and handed to its {@link SignalListener}. After a reconnect it is written
 * again as it was (signals are not replayed; presence starts with a new snapshot). Thread-safe.
 *
 * @param <T> the event type
 */
final class SignalSub<T> extends Sub {
  private final String name;
  private final Function<StompDestinations, String> destination;
  private final Function<byte[], T> reader;
  private final SignalListener<T> listener;

  /**
   * @param calls runs listener calls
   * @param unsubscribe tells the server when the user closes the subscription
   * @param roomId the room, -1 for the read-state queue
   * @param name what it is, for errors, e.g. {@code typing in room 7}
   * @param destination where it subscribes, from the server's table
   * @param reader reads a MESSAGE body (throws when it is not the event)
   */
  SignalSub(
      Executor calls,
      Consumer<Sub> unsubscribe,
      String id,
      long roomId,
      String name,
      Function<StompDestinations, String> destination,
      Function<byte[], T> reader,
      SignalListener<T> listener) {
    super(calls, unsubscribe, id, roomId);
    this.name = name;
    this.destination = destination;
    this.reader = reader;
    this.listener = listener;
  }

  @Override
  String destination(StompDestinations destinations) {
    return destination.apply(destinations);
  }

  @Override
  void offer(StompFrame frame) {
    T event;
    try {
      event = reader.apply(frame.body());
    } catch (RuntimeException e) {
      throw new ChatClientException(
          "malformed-frame",
          "The server sent a malformed MESSAGE frame: the body is not an event of "
              + name
              + " ("
              + e.getMessage()
              + ")");
    }
    deliver(() -> listener.onEvent(this, event));
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
    return "SUBSCRIBE to " + name;
  }

  @Override
  public String toString() {
    return "ChatSubscription[" + name + "]";
  }
}
