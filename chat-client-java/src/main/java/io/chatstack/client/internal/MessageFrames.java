package io.chatstack.client.internal;

import io.chatstack.client.ChatClientException;
import io.chatstack.stomp.FrameLimits;
import io.chatstack.stomp.FrameReader;
import io.chatstack.stomp.StompFrame;
import io.chatstack.stomp.StompProtocolException;
import java.util.List;

/**
 * Reads the WebSocket messages of one link into frames with chat-stomp's {@link FrameReader} for
 * clients. STOMP over WebSocket puts whole frames in each message: a message that ends inside a
 * frame, and anything the reader refuses, is a {@code malformed-frame} error quoting what arrived.
 * Not thread-safe: one per link, called by its one inbound thread.
 */
final class MessageFrames {
  private final FrameReader reader;

  /**
   * @param maxMessageBytes the largest message the link accepts
   */
  MessageFrames(int maxMessageBytes) {
    this.reader = FrameReader.forClient(FrameLimits.frameSizeOnly(maxMessageBytes));
  }

  /**
   * The frames of one message from the server; heart-beats are dropped.
   *
   * @throws ChatClientException ({@code malformed-frame}) when it is not whole STOMP frames a
   *     server may send
   */
  List<StompFrame> read(String text) {
    List<StompFrame> frames;
    try {
      frames = reader.read(text);
    } catch (StompProtocolException e) {
      throw malformed("invalid STOMP frame (" + e.getMessage() + ")", text, e);
    }
    if (reader.bufferedBytes() > 0) {
      throw malformed("incomplete or invalid STOMP frame", text, null);
    }
    return frames;
  }

  private static ChatClientException malformed(String what, String text, Throwable cause) {
    String sample = text.length() > 80 ? text.substring(0, 80) + "..." : text;
    return new ChatClientException(
        "malformed-frame",
        "The server sent a malformed frame: "
            + what
            + "; received: '"
            + sample.replace("\n", "\\n").replace("\0", "\\0")
            + "'",
        cause);
  }
}
