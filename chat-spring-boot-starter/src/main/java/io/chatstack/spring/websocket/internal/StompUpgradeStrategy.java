package io.chatstack.spring.websocket.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerContainer;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.adapter.standard.WebSocketToStandardExtensionAdapter;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.standard.ServerEndpointRegistration;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;

/**
 * Upgrades raw WebSocket requests for chatstack's {@link StompWebSocketHandler} through the
 * container's Jakarta WebSocket API, to a {@link StompEndpoint} that runs the STOMP engine on the
 * container's session. Spring still runs the handshake (origin check, subprotocol and extension
 * negotiation, principal); only Spring's per-connection {@code WebSocketSession} (with its copy of
 * the handshake headers and its attributes map) and its endpoint adapter are left out, which saves
 * about 2 KiB of heap per open connection (2.3 KiB measured on Tomcat). Tomcat gets the request
 * through {@link ContainerUpgradeRequest}, so that it keeps no copy of the headers and the query
 * either. Any other handler, a host's subclass of {@link StompWebSocketHandler} or a proxy of it
 * included, is upgraded as Spring does (its connections still write through the container's
 * asynchronous remote, see {@link SpringWebSocketTransport#of}). Thread-safe.
 */
public final class StompUpgradeStrategy extends StandardWebSocketUpgradeStrategy {
  @Override
  public void upgrade(
      ServerHttpRequest request,
      ServerHttpResponse response,
      @Nullable String selectedProtocol,
      List<WebSocketExtension> selectedExtensions,
      @Nullable Principal user,
      WebSocketHandler wsHandler,
      Map<String, Object> attrs)
      throws HandshakeFailureException {
    // Spring hands over the handler inside its logging and exception decorators.
    WebSocketHandler unwrapped = WebSocketHandlerDecorator.unwrap(wsHandler);
    if (unwrapped.getClass() != StompWebSocketHandler.class) {
      super.upgrade(
          request, response, selectedProtocol, selectedExtensions, user, wsHandler, attrs);
      return;
    }
    StompWebSocketHandler handler = (StompWebSocketHandler) unwrapped;
    HttpServletRequest servletRequest = getHttpServletRequest(request);
    StompEndpoint endpoint =
        new StompEndpoint(
            handler.engine(),
            handler.observer(),
            new StompEndpoint.Handshake(
                StompWebSocketHandler.lowerCaseNames(request.getHeaders()),
                StompWebSocketHandler.query(request.getURI()),
                Optional.ofNullable(user).map(Principal::getName)));
    ServerEndpointRegistration config =
        new ServerEndpointRegistration(servletRequest.getRequestURI(), endpoint);
    config.setSubprotocols(selectedProtocol == null ? List.of() : List.of(selectedProtocol));
    List<Extension> extensions = new ArrayList<>(selectedExtensions.size());
    selectedExtensions.forEach(e -> extensions.add(new WebSocketToStandardExtensionAdapter(e)));
    config.setExtensions(extensions);
    ServerContainer container = getContainer(servletRequest);
    try {
      container.upgradeHttpToWebSocket(
          ContainerUpgradeRequest.forContainer(container, servletRequest),
          getHttpServletResponse(response),
          config,
          Map.of());
    } catch (Exception e) {
      throw new HandshakeFailureException(
          // The URL without its query, which may carry an access token.
          "Servlet request failed to upgrade to WebSocket: " + servletRequest.getRequestURL(), e);
    }
  }
}
