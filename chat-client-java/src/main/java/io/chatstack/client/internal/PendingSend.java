package io.chatstack.client.internal;

import io.chatstack.core.ChatMessage;
import java.util.concurrent.CompletableFuture;

/**
 * A SEND not yet acknowledged by a RECEIPT; re-sent unchanged (same {@code clientMsgId}, so the
 * server stores it once) after every reconnect until acknowledged. Thread-safe (immutable fields;
 * the future is thread-safe).
 */
record PendingSend(
    long number,
    long roomId,
    String content,
    String clientMsgId,
    String frameText,
    CompletableFuture<ChatMessage> future) {

  static String receiptId(long number) {
    return "send:" + number;
  }
}
