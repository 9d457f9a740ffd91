package io.chatstack.client.internal;

import io.chatstack.client.ChatClientException;
import io.chatstack.stomp.StompFrame;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests waiting for their answer (a RECEIPT or the MESSAGE of a one-shot subscription), by the
 * id the answer carries. Thread-safe.
 */
final class Waiters {
  private final Map<String, CompletableFuture<StompFrame>> byId = new ConcurrentHashMap<>();

  /** A new future for the answer to {@code id}. */
  CompletableFuture<StompFrame> register(String id) {
    CompletableFuture<StompFrame> answer = new CompletableFuture<>();
    byId.put(id, answer);
    return answer;
  }

  void remove(String id) {
    byId.remove(id);
  }

  /** Completes the request {@code id}, if one waits. */
  void complete(String id, StompFrame answer) {
    CompletableFuture<StompFrame> waiter = byId.remove(id);
    if (waiter != null) {
      waiter.complete(answer);
    }
  }

  /** Fails the request {@code id}, if one waits. */
  void fail(String id, ChatClientException error) {
    CompletableFuture<StompFrame> waiter = byId.remove(id);
    if (waiter != null) {
      waiter.completeExceptionally(error);
    }
  }

  /** Fails every waiting request. */
  void failAll(ChatClientException error) {
    for (String id : List.copyOf(byId.keySet())) {
      fail(id, error);
    }
  }
}
