package io.chatstack.server.internal;

import io.chatstack.core.ChatException;
import io.chatstack.core.Subscription;
import io.chatstack.json.ChatJson;
import io.chatstack.stomp.ErrorBody;
import io.chatstack.stomp.FrameWriter;
import io.chatstack.stomp.HeaderNames;
import io.chatstack.stomp.RevocationBody;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The user's error queue ({@code /user/queue/errors} by default) on one connection: non-fatal
 * errors and revoked subscriptions as MESSAGE frames with an {@link ErrorBody} or {@link
 * RevocationBody}, once the client subscribed to it. Thread-safe.
 */
final class ErrorQueue {
  private final String destination;
  private final FrameWriter frames;
  private final Replies replies;
  private volatile String subscriptionHeader;

  ErrorQueue(String destination, FrameWriter frames, Replies replies) {
    this.destination = destination;
    this.frames = frames;
    this.replies = replies;
  }

  /** The client subscribed with this {@code subscription} header line; closing unsubscribes. */
  Subscription subscribe(String header) {
    subscriptionHeader = header;
    return () -> subscriptionHeader = null;
  }

  /** Delivers a non-fatal error; false when the client did not subscribe to the queue. */
  boolean report(ChatException e, String receiptId) {
    return deliver(new ErrorBody(e.code(), e.getMessage(), receiptId), receiptId);
  }

  /** Tells that subscription {@code id} to room {@code roomId} ended; dropped if unsubscribed. */
  void revoked(long roomId, String id) {
    deliver(RevocationBody.of(roomId, id), null);
  }

  private boolean deliver(Object body, String receiptId) {
    String header = subscriptionHeader;
    if (header == null || !replies.isOpen()) {
      return false;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(HeaderNames.DESTINATION, destination);
    headers.put(HeaderNames.MESSAGE_ID, UUID.randomUUID().toString());
    headers.put(HeaderNames.CONTENT_TYPE, "application/json");
    if (receiptId != null) {
      headers.put(HeaderNames.RECEIPT_ID, receiptId);
    }
    replies.deliver(frames.message(header, frames.sharedMessage(headers, ChatJson.toBytes(body))));
    return true;
  }
}
