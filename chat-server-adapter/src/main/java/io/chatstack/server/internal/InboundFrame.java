package io.chatstack.server.internal;

import java.util.Map;
import java.util.Optional;
import org.springframework.messaging.simp.stomp.StompCommand;

/**
 * One decoded client frame. Thread-safe (immutable; the body array is never modified).
 *
 * @param command the STOMP command
 * @param headers first value of each header (STOMP 1.2: repeated headers only count once)
 * @param body the body bytes, empty when none
 */
public record InboundFrame(StompCommand command, Map<String, String> headers, byte[] body) {

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** The {@code receipt} header, if the client asked for a receipt. */
  public Optional<String> receipt() {
    return header("receipt");
  }

  /** The header, or a protocol error naming it when absent or empty. */
  public String required(String name) {
    String value = headers.get(name);
    if (value == null || value.isEmpty()) {
      throw new StompProtocolException(
          "missing-header", command + " needs a '" + name + "' header");
    }
    return value;
  }
}
