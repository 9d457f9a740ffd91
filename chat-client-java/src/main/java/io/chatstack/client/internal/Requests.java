package io.chatstack.client.internal;

import io.chatstack.client.ChatClientException;
import io.chatstack.stomp.StompFrame;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Request/answer over STOMP: writes a frame whose answer (RECEIPT, or MESSAGE of a one-shot
 * subscription) is matched by id, and waits for it. Requests are not replayed after a reconnect;
 * they fail with {@code connection-lost}. Thread-safe.
 */
final class Requests {
  private final Waiters waiters;
  private final ConnectionState connection;
  private final Duration timeout;

  Requests(Waiters waiters, ConnectionState connection, Duration timeout) {
    this.waiters = waiters;
    this.connection = connection;
    this.timeout = timeout;
  }

  /** Writes {@code frame} and waits for the answer registered under {@code id}. */
  StompFrame call(String id, StompFrame frame, String what) {
    CompletableFuture<StompFrame> answer = waiters.register(id);
    try {
      Link link = connection.current();
      if (link == null) {
        throw connection.notConnected();
      }
      try {
        link.write(frame);
      } catch (IOException e) {
        throw new ChatClientException(
            "connection-lost", what + " failed: the connection was lost; try again", e);
      }
      return await(answer, timeout, what);
    } finally {
      waiters.remove(id);
    }
  }

  /** Waits for a future; failures become {@link ChatClientException}s. */
  static <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatClientException("interrupted", what + " was interrupted", e);
    } catch (TimeoutException e) {
      throw asClientException(e, timeout, what);
    } catch (ExecutionException e) {
      throw asClientException(e.getCause(), timeout, what);
    }
  }

  /** Why a request failed, as the client reports it: its code kept, what failed said. */
  static ChatClientException asClientException(Throwable failure, Duration timeout, String what) {
    if (failure instanceof TimeoutException) {
      return new ChatClientException(
          "timeout", what + " got no answer within " + timeout + " (requestTimeout)", failure);
    }
    if (failure instanceof ChatClientException chat) {
      return new ChatClientException(chat.code(), what + " failed: " + chat.getMessage(), chat);
    }
    return new ChatClientException("server-error", what + " failed: " + failure, failure);
  }
}
