package io.chatstack.server.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the WebSocket handshake carried, captured by the transport binding. Thread-safe (immutable).
 *
 * @param headers HTTP headers, names in lower case
 * @param query query parameters
 * @param principal user the container authenticated, if any
 */
public record HandshakeInfo(
    Map<String, List<String>> headers,
    Map<String, List<String>> query,
    Optional<String> principal) {

  /** No handshake data (unit tests, transports that expose nothing). */
  public static final HandshakeInfo NONE = new HandshakeInfo(Map.of(), Map.of(), Optional.empty());

  public HandshakeInfo {
    headers = Map.copyOf(headers);
    query = Map.copyOf(query);
  }
}
