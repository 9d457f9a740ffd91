package io.chatstack.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/** A frame the server sent, decoded with Spring's decoder (an independent parser). */
public record TestFrame(String command, Map<String, String> headers, String body) {

  public String header(String name) {
    return headers.get(name);
  }

  /** All frames in one WebSocket message (the server may coalesce several); heart-beats skipped. */
  public static List<TestFrame> parse(String text) {
    List<TestFrame> frames = new ArrayList<>();
    ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    for (Message<byte[]> m : new StompDecoder().decode(buffer)) {
      StompHeaderAccessor accessor = StompHeaderAccessor.wrap(m);
      if (accessor.getMessageType() == SimpMessageType.HEARTBEAT) {
        continue;
      }
      Map<String, String> headers = new LinkedHashMap<>();
      accessor.toNativeHeaderMap().forEach((k, v) -> headers.put(k, v.get(0)));
      frames.add(
          new TestFrame(
              accessor.getCommand().name(),
              headers,
              new String(m.getPayload(), StandardCharsets.UTF_8)));
    }
    if (buffer.hasRemaining()) {
      throw new IllegalStateException("server sent an incomplete frame: " + text);
    }
    return frames;
  }

  /** A client frame as text: command, headers (name, value pairs), body, NUL. */
  public static String frame(String command, String body, String... headers) {
    StringBuilder sb = new StringBuilder(command).append('\n');
    for (int i = 0; i < headers.length; i += 2) {
      sb.append(headers[i]).append(':').append(headers[i + 1]).append('\n');
    }
    return sb.append('\n').append(body).append('\0').toString();
  }

  /** A CONNECT frame for the dev authenticator. */
  public static String connect(String login) {
    return frame("CONNECT", "", "accept-version", "1.2", "host", "localhost", "login", login);
  }
}
