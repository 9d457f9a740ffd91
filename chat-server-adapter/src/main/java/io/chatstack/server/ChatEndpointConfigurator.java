package io.chatstack.server;

import io.chatstack.server.internal.HandshakeInfo;
import io.chatstack.server.internal.StompRuntime;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Origin allow-list, handshake capture (headers for the {@link Authenticator}) and endpoint creation.
 * Relies on Jakarta WebSocket 2.1+, where user properties are copied per connection. Thread-safe.
 */
final class ChatEndpointConfigurator extends ServerEndpointConfig.Configurator {
  private final StompRuntime runtime;
  private final Set<String> allowedOrigins;

  ChatEndpointConfigurator(StompRuntime runtime) {
    this.runtime = runtime;
    this.allowedOrigins = runtime.config().allowedOrigins();
  }

  @Override
  public boolean checkOrigin(String origin) {
    if (origin == null || origin.isEmpty()) {
      return true; // not a browser: the Origin header protects browsers only
    }
    return allowedOrigins.contains("*") || allowedOrigins.stream().anyMatch(o -> o.equalsIgnoreCase(origin));
  }

  @Override
  public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
    Map<String, List<String>> headers = new HashMap<>();
    request.getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    Optional<String> principal = Optional.ofNullable(request.getUserPrincipal()).map(Principal::getName);
    sec.getUserProperties().put(ChatEndpoint.HANDSHAKE, new HandshakeInfo(headers, Map.of(), principal));
  }

  @Override
  public <T> T getEndpointInstance(Class<T> endpointClass) {
    return endpointClass.cast(new ChatEndpoint(runtime));
  }
}
