package io.chatstack.server.internal;

import io.chatstack.core.ChatException;
import java.util.Map;

/**
 * What a connection's command handlers may send back to their client: the narrow view of a {@link
 * StompSession} that {@link SessionCommands}, {@link SessionSubscriptions} and {@link
 * SessionQueries} get. Frames are queued only while the connection is open. Implementations are
 * thread-safe unless a method says otherwise.
 */
interface Replies {
  /** Queues a frame for the client. Any thread. */
  void deliver(String frame);

  /**
   * Queues a frame of a since-seq replay, waiting while the outbound queue is full; a client that
   * takes nothing for too long is closed as a slow consumer. Only on the inbound thread.
   */
  void deliverPaced(String frame);

  /** A RECEIPT with extra headers, if {@code receiptId} is not null. Any thread. */
  void receipt(String receiptId, Map<String, String> extra);

  /**
   * A RECEIPT, if {@code receiptId} is not null, waiting like {@link #deliverPaced} while the queue
   * is full. Only on the inbound thread, for receipts that follow a paced replay.
   */
  void receiptPaced(String receiptId);

  /**
   * A non-fatal error: to the error queue when the client subscribed to it, else ERROR and close.
   * Any thread.
   */
  void applicationError(ChatException e, String receiptId);

  /** Whether the connection is still open (connected or awaiting CONNECT). */
  boolean isOpen();
}
