package io.chatstack.client.internal;

import io.chatstack.client.ChatClientException;
import io.chatstack.core.ReadState;
import io.chatstack.json.ChatJson;
import io.chatstack.stomp.Command;
import io.chatstack.stomp.HeaderNames;
import io.chatstack.stomp.ReadBody;
import io.chatstack.stomp.StompDestinations;
import io.chatstack.stomp.StompFrame;
import io.chatstack.stomp.TypingBody;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The signals a client sends: typing (fire and forget, through a {@link TypingGate}) and read marks
 * (a SEND whose RECEIPT tells the state after it, answered through the {@link Waiters}). Neither is
 * replayed after a reconnect. Thread-safe.
 */
public final class SignalSends {
  private final ConnectionState connection;
  private final Waiters waiters;
  private final Executor calls;
  private final StompDestinations destinations;
  private final Duration requestTimeout;
  private final LongSupplier ids;
  private final TypingGate gate;

  /**
   * @param calls completes the futures of read marks
   * @param ids numbers for receipt ids, unique per client
   */
  SignalSends(
      ConnectionState connection,
      Waiters waiters,
      Executor calls,
      StompDestinations destinations,
      Duration requestTimeout,
      LongSupplier ids,
      TypingGate gate) {
    this.connection = connection;
    this.waiters = waiters;
    this.calls = calls;
    this.destinations = destinations;
    this.requestTimeout = requestTimeout;
    this.ids = ids;
    this.gate = gate;
  }

  /**
   * Says the user is (or stopped) typing, as far as the {@link TypingGate} lets it through: one
   * SEND without receipt on the current connection, nothing when there is none. Never blocks on the
   * server.
   */
  public void typing(long roomId, boolean typing) {
    synchronized (connection.writeLock()) {
      Link link = connection.current();
      if (link == null || !gate.pass(roomId, typing)) {
        return;
      }
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put(HeaderNames.DESTINATION, destinations.sendTyping(roomId));
      headers.put(HeaderNames.CONTENT_TYPE, "application/json");
      try {
        link.write(new StompFrame(Command.SEND, headers, ChatJson.toBytes(new TypingBody(typing))));
      } catch (IOException e) {
        // The connection is going away: typing is not worth replaying.
      }
    }
  }

  /**
   * Marks a room read up to {@code seq}: a SEND with receipt whose RECEIPT tells the state after
   * it. The future completes on the listener executor; it fails with the server's error, with
   * {@code not-connected} or {@code connection-lost} (not retried), or with {@code timeout}.
   */
  public CompletableFuture<ReadState> markRead(long roomId, long seq) {
    CompletableFuture<ReadState> result = new CompletableFuture<>();
    String id = "read:" + ids.getAsLong();
    String what = "Marking room " + roomId + " read";
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(HeaderNames.DESTINATION, destinations.markRead(roomId));
    headers.put(HeaderNames.RECEIPT, id);
    headers.put(HeaderNames.CONTENT_TYPE, "application/json");
    StompFrame frame = new StompFrame(Command.SEND, headers, ChatJson.toBytes(new ReadBody(seq)));
    CompletableFuture<StompFrame> answer = waiters.register(id);
    Link link = connection.current();
    try {
      if (link == null) {
        throw connection.notConnected();
      }
      link.write(frame);
    } catch (IOException e) {
      waiters.remove(id);
      return CompletableFuture.failedFuture(
          new ChatClientException(
              "connection-lost", what + " failed: the connection was lost; try again", e));
    } catch (ChatClientException e) {
      waiters.remove(id);
      return CompletableFuture.failedFuture(e);
    }
    answer
        .orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (receipt, failure) -> {
              waiters.remove(id);
              calls.execute(() -> completeRead(result, receipt, failure, roomId, what));
            });
    return result;
  }

  private void completeRead(
      CompletableFuture<ReadState> result,
      StompFrame receipt,
      Throwable failure,
      long roomId,
      String what) {
    if (failure != null) {
      result.completeExceptionally(
          Requests.asClientException(
              failure instanceof CompletionException && failure.getCause() != null
                  ? failure.getCause()
                  : failure,
              requestTimeout,
              what));
      return;
    }
    try {
      result.complete(SignalBodies.markRead(receipt, roomId, connection.userName()));
    } catch (RuntimeException e) {
      result.completeExceptionally(
          new ChatClientException(
              "malformed-frame",
              "The server sent a malformed RECEIPT frame for a read mark: " + e.getMessage(),
              e));
    }
  }
}
