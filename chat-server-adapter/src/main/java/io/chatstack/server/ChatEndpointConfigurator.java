package io.chatstack.server;

import io.chatstack.server.internal.HandshakeInfo;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Origin allow-list, handshake capture (headers for the {@link Authenticator}) and endpoint
 * creation. Relies on Jakarta WebSocket 2.1+, where user properties are copied per connection.
 * Thread-safe.
 */
final class ChatEndpointConfigurator extends ServerEndpointConfig.Configurator {
  private final StompEngine engine;
  private final Set<String> allowedOrigins;

  ChatEndpointConfigurator(StompEngine engine) {
    this.engine = engine;
    this.allowedOrigins = engine.config().allowedOrigins();
  }

  /**
   * Refuses (HTTP 403) origins outside a non-empty allow-list; an empty list defers to same-origin.
   */
  @Override
  public boolean checkOrigin(String origin) {
    if (origin == null || origin.isEmpty() || allowedOrigins.isEmpty()) {
      return true; // no Origin: not a browser; empty list: same-origin check in modifyHandshake
    }
    return allowedOrigins.contains("*")
        || allowedOrigins.stream().anyMatch(o -> o.equalsIgnoreCase(origin));
  }

  /** With no allow-list, a browser origin must match the Host the client connected to. */
  static boolean sameOrigin(String origin, String host) {
    if (origin == null || origin.isEmpty()) {
      return true;
    }
    if (host == null) {
      return false;
    }
    try {
      URI uri = URI.create(origin);
      String authority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      String hostOnly = host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
      return host.equalsIgnoreCase(authority)
          || (uri.getPort() == -1
              && hostOnly.equalsIgnoreCase(uri.getHost())
              && (host.endsWith(":80") || host.endsWith(":443")));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public void modifyHandshake(
      ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
    Map<String, List<String>> headers = new HashMap<>();
    request
        .getHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    Optional<String> principal =
        Optional.ofNullable(request.getUserPrincipal()).map(Principal::getName);
    sec.getUserProperties()
        .put(ChatEndpoint.HANDSHAKE, new HandshakeInfo(headers, Map.of(), principal));
    boolean refused =
        allowedOrigins.isEmpty() && !sameOrigin(first(headers, "origin"), first(headers, "host"));
    sec.getUserProperties().put(ChatEndpoint.ORIGIN_REFUSED, refused);
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  @Override
  public <T> T getEndpointInstance(Class<T> endpointClass) {
    return endpointClass.cast(new ChatEndpoint(engine));
  }
}
