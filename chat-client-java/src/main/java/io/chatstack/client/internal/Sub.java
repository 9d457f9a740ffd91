package io.chatstack.client.internal;

import io.chatstack.client.ChatClientException;
import io.chatstack.client.ChatSubscription;
import io.chatstack.stomp.StompDestinations;
import io.chatstack.stomp.StompFrame;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One subscription of the client, whatever it delivers: registered by id, written as SUBSCRIBE,
 * confirmed by its RECEIPT, written again after each reconnect, revoked or failed by id. Subclasses
 * say where it goes ({@link #destination}, {@link #addHeaders}) and what a MESSAGE means ({@link
 * #offer}): {@link RoomSub} for a room's messages, {@link SignalSub} for presence, typing, read
 * receipts and read state. Thread-safe.
 */
abstract class Sub implements ChatSubscription {
  final String id;
  final CompletableFuture<Void> confirmed = new CompletableFuture<>();
  private final Executor calls;
  private final Consumer<Sub> unsubscribe;
  private final long roomId;
  private final AtomicBoolean active = new AtomicBoolean(true);
  // Read and cleared on the listener executor (and cleared by deactivate from any thread).
  private volatile boolean delivering = true;
  volatile Link link;

  /**
   * @param calls runs listener calls
   * @param unsubscribe tells the server when the user closes the subscription (or gives it up);
   *     does nothing when it was unsubscribed already
   * @param roomId the room, -1 when the subscription is not of one room
   */
  Sub(Executor calls, Consumer<Sub> unsubscribe, String id, long roomId) {
    this.calls = calls;
    this.unsubscribe = unsubscribe;
    this.id = id;
    this.roomId = roomId;
  }

  /** Where the SUBSCRIBE goes. */
  abstract String destination(StompDestinations destinations);

  /** Headers of the SUBSCRIBE besides id, destination and receipt (none by default). */
  void addHeaders(Map<String, String> headers) {}

  /**
   * A MESSAGE of this subscription. Inbound thread only, one at a time.
   *
   * @throws ChatClientException ({@code malformed-frame}) when its body is not what it should be
   */
  abstract void offer(StompFrame frame);

  /** Tells the listener that the subscription failed. Listener executor. */
  abstract void onError(ChatClientException error);

  /** Tells the listener that the server revoked the subscription. Listener executor. */
  abstract void onRevoked();

  /** What the SUBSCRIBE says it is, for errors. */
  String what() {
    return "SUBSCRIBE to " + getClass().getSimpleName() + " " + id;
  }

  /**
   * Runs a listener call on the executor, unless delivery ended meanwhile. Delivery ends at once
   * when the subscription is closed or fails, but only in turn (after the calls queued before it)
   * when the server revokes it: the frames it sent before the notice (e.g. the user's own LEAVE)
   * still reach the listener.
   */
  final void deliver(Runnable call) {
    calls.execute(
        () -> {
          if (delivering) {
            call.run();
          }
        });
  }

  /** Runs {@link #onError} on the executor. */
  final void tellError(ChatClientException error) {
    calls.execute(() -> onError(error));
  }

  /**
   * Runs {@link #onRevoked} on the executor after the calls queued before it; then delivery ends.
   */
  final void tellRevoked() {
    calls.execute(
        () -> {
          if (delivering) {
            delivering = false;
            onRevoked();
          }
        });
  }

  /**
   * Ends the subscription and its delivery at once, without telling the server; true the first
   * time.
   */
  final boolean deactivate() {
    delivering = false;
    return active.compareAndSet(true, false);
  }

  /**
   * Ends the subscription because the server revoked it; delivery ends in turn ({@link
   * #tellRevoked}). True the first time.
   */
  final boolean revoke() {
    return active.compareAndSet(true, false);
  }

  /**
   * Tells the server to drop the subscription, which the client gave up before its RECEIPT came
   * (the SUBSCRIBE timed out). Nothing when it was unsubscribed already.
   */
  final void abandon() {
    unsubscribe.accept(this);
  }

  @Override
  public long roomId() {
    return roomId;
  }

  @Override
  public long lastSeq() {
    return -1;
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
}
