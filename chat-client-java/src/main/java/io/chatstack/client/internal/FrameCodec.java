package io.chatstack.client.internal;

import io.chatstack.client.ChatClientException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * Encodes client frames and decodes server frames with spring-messaging's {@link StompEncoder} and
 * {@link StompDecoder}. A WebSocket message must hold whole frames (STOMP over WebSocket); anything
 * else, and any command a server may not send, is a {@code malformed-frame} error. Thread-safe.
 */
public final class FrameCodec {
  /** A heart-beat: one end-of-line. */
  public static final String HEARTBEAT = "\n";

  private static final Set<StompCommand> SERVER_COMMANDS =
      Set.of(
          StompCommand.CONNECTED, StompCommand.MESSAGE, StompCommand.RECEIPT, StompCommand.ERROR);

  private final StompEncoder encoder = new StompEncoder();
  private final StompDecoder decoder = new StompDecoder();

  /** The frame as text, headers escaped as STOMP 1.2 requires. */
  public String encode(StompFrame frame) {
    StompHeaderAccessor accessor =
        StompHeaderAccessor.create(StompCommand.valueOf(frame.command()));
    frame.headers().forEach(accessor::setNativeHeader);
    accessor.setLeaveMutable(true);
    return new String(
        encoder.encode(accessor.getMessageHeaders(), frame.body()), StandardCharsets.UTF_8);
  }

  /**
   * The frames of one WebSocket message from the server; heart-beats are dropped.
   *
   * @throws ChatClientException ({@code malformed-frame}) when it is not valid STOMP from a server
   */
  public List<StompFrame> decode(String text) {
    ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    List<Message<byte[]>> messages;
    try {
      messages = decoder.decode(buffer);
    } catch (RuntimeException e) {
      throw malformed("invalid STOMP frame (" + e.getMessage() + ")", text, e);
    }
    if (buffer.hasRemaining()) {
      throw malformed("incomplete or invalid STOMP frame", text, null);
    }
    List<StompFrame> frames = new ArrayList<>(messages.size());
    for (Message<byte[]> m : messages) {
      StompHeaderAccessor accessor = StompHeaderAccessor.wrap(m);
      if (accessor.getMessageType() == SimpMessageType.HEARTBEAT) {
        continue;
      }
      StompCommand command = accessor.getCommand();
      if (command == null || !SERVER_COMMANDS.contains(command)) {
        throw malformed("a server must not send " + command, text, null);
      }
      Map<String, String> headers = new LinkedHashMap<>();
      accessor.toNativeHeaderMap().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));
      frames.add(new StompFrame(command.name(), headers, m.getPayload()));
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
