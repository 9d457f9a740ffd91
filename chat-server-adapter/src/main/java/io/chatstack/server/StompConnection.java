package io.chatstack.server;

import java.nio.ByteBuffer;

/**
 * One client connection of a {@link StompEngine}: the transport binding feeds it what the WebSocket
 * received. Calls for one connection must not overlap (WebSocket containers deliver one message at
 * a time per session).
 */
public interface StompConnection {
  /** A text WebSocket message: one or more STOMP frames, or part of one. */
  void onText(String text);

  /** A binary WebSocket message, decoded as UTF-8. */
  void onBinary(ByteBuffer bytes);

  /** The WebSocket closed or failed; releases subscriptions. Idempotent. */
  void onTransportClosed();
}
