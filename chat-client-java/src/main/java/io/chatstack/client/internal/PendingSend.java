package io.chatstack.client.internal;

import io.chatstack.core.ChatMessage;
import java.util.concurrent.CompletableFuture;

/**
 * A SEND (a chat message, an edit, a delete or a reaction) not yet acknowledged by a RECEIPT;
 * re-sent unchanged (same {@code clientMsgId}, so the server stores a message or an edit once)
 * after every reconnect until acknowledged. {@code draft} is the record as the client knows it: the
 * RECEIPT adds its id, seq and timestamp. Thread-safe (immutable fields; the future is
 * thread-safe).
 */
record PendingSend(
    long number, ChatMessage draft, String frameText, CompletableFuture<ChatMessage> future) {

  /** The room the send goes to. */
  long roomId() {
    return draft.roomId();
  }

  static String receiptId(long number) {
    return "send:" + number;
  }
}
