package io.chatstack.client.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * One STOMP frame: command, headers (first value of each, unescaped) and body. Thread-safe
 * (immutable; the body array is never modified).
 */
public record StompFrame(String command, Map<String, String> headers, byte[] body) {

  public StompFrame {
    headers = Map.copyOf(headers);
  }

  /** A frame without body. */
  public static StompFrame of(String command, Map<String, String> headers) {
    return new StompFrame(command, headers, new byte[0]);
  }

  /** The header's value, if present. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** The body as UTF-8 text. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
