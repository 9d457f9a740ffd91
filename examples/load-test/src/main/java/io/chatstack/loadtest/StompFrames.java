package io.chatstack.loadtest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Builds the client frames the load test sends, framed by Spring's {@link StompEncoder}.
 * Thread-safe (the encoder is stateless apart from a thread-safe header cache).
 */
public final class StompFrames {
  private static final StompEncoder ENCODER = new StompEncoder();
  private static final byte[] EMPTY = new byte[0];

  private StompFrames() {}

  /** CONNECT as user {@code login}, STOMP 1.2, no heart-beats. */
  public static String connect(String login, String host) {
    return encode(
        StompCommand.CONNECT,
        Map.of("accept-version", "1.2", "host", host, "heart-beat", "0,0", "login", login),
        EMPTY);
  }

  /** SUBSCRIBE to {@code destination} with subscription id {@code id}. */
  public static String subscribe(String destination, String id) {
    return encode(
        StompCommand.SUBSCRIBE, Map.of("destination", destination, "id", id, "ack", "auto"), EMPTY);
  }

  /** SEND of a JSON body to {@code destination}. */
  public static String send(String destination, String json) {
    return encode(
        StompCommand.SEND,
        Map.of("destination", destination, "content-type", "application/json"),
        json.getBytes(StandardCharsets.UTF_8));
  }

  /** DISCONNECT. */
  public static String disconnect() {
    return encode(StompCommand.DISCONNECT, Map.of(), EMPTY);
  }

  private static String encode(StompCommand command, Map<String, String> headers, byte[] body) {
    StompHeaderAccessor accessor = StompHeaderAccessor.create(command);
    headers.forEach((k, v) -> accessor.setNativeHeader(k, v));
    if (body.length > 0) {
      accessor.setNativeHeader("content-length", String.valueOf(body.length));
    }
    Message<byte[]> message = MessageBuilder.createMessage(body, accessor.getMessageHeaders());
    return new String(ENCODER.encode(message), StandardCharsets.UTF_8);
  }

  /** Native header {@code name} of a decoded frame, or null. */
  static String header(Message<byte[]> frame, String name) {
    StompHeaderAccessor accessor = StompHeaderAccessor.wrap(frame);
    List<String> values = accessor.getNativeHeader(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
