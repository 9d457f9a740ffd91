package io.chatstack.server;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a client presented to prove who it is: the headers of its STOMP CONNECT frame and what its
 * WebSocket handshake carried. Thread-safe (immutable).
 *
 * @param connectHeaders headers of the CONNECT frame (first value of each)
 * @param handshakeHeaders HTTP headers of the WebSocket handshake, names in lower case (empty when
 *     the transport does not expose them)
 * @param queryParameters query parameters of the handshake URI
 * @param handshakePrincipal name of the user the web container authenticated, or empty
 */
public record AuthenticationRequest(
    Map<String, String> connectHeaders,
    Map<String, List<String>> handshakeHeaders,
    Map<String, List<String>> queryParameters,
    Optional<String> handshakePrincipal) {

  public AuthenticationRequest {
    connectHeaders = Map.copyOf(connectHeaders);
    handshakeHeaders = Map.copyOf(handshakeHeaders);
    queryParameters = Map.copyOf(queryParameters);
  }

  /** The CONNECT header, if present. */
  public Optional<String> connectHeader(String name) {
    return Optional.ofNullable(connectHeaders.get(name));
  }

  /** The first value of a handshake header (name case-insensitive), if present. */
  public Optional<String> handshakeHeader(String name) {
    List<String> values = handshakeHeaders.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The first value of a query parameter, if present. */
  public Optional<String> queryParameter(String name) {
    List<String> values = queryParameters.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
