package io.chatstack.spring.websocket.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.websocket.server.ServerContainer;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The handshake request as the WebSocket container sees it when {@link StompUpgradeStrategy}
 * upgrades it: the container still reads every header it needs by name ({@code Sec-WebSocket-Key},
 * {@code Origin}, the subprotocols and extensions), but finds no header names, query or parameters
 * to copy. Tomcat keeps such copies for the connection's life (its handshake request's headers, its
 * parameter map, the request URI with its query); chatstack's endpoint took what it needs from
 * Spring's handshake already and never reads them. On Tomcat this saves each open connection the
 * bytes of its handshake headers and query (2.4 KiB measured with the JDK client's seven headers; a
 * browser sends more, cookies among them) and keeps an access token sent in the query out of the
 * container's session.
 *
 * <p>Only Tomcat gets the wrapper, and only because Tomcat 11's upgrade was read and is tested
 * ({@code TomcatRawWebSocketIT}) to look up each header it checks by name. A container that finds
 * headers by enumerating their names would see none: Jetty copies them that way and fails the
 * upgrade.
 */
final class ContainerUpgradeRequest extends HttpServletRequestWrapper {

  private ContainerUpgradeRequest(HttpServletRequest request) {
    super(request);
  }

  /** The request to hand to {@code container}'s upgrade: wrapped on Tomcat, else as it is. */
  static HttpServletRequest forContainer(ServerContainer container, HttpServletRequest request) {
    return Containers.isTomcat(container) ? new ContainerUpgradeRequest(request) : request;
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    return Collections.emptyEnumeration();
  }

  @Override
  public @Nullable String getQueryString() {
    return null;
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    return Map.of();
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.emptyEnumeration();
  }

  @Override
  public @Nullable String getParameter(String name) {
    return null;
  }

  @Override
  public String @Nullable [] getParameterValues(String name) {
    return null;
  }
}
