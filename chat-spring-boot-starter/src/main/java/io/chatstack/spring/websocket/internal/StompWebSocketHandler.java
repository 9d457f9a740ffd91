package io.chatstack.spring.websocket.internal;

import io.chatstack.server.StompConnection;
import io.chatstack.server.StompEngine;
import io.chatstack.spring.websocket.ConnectionObserver;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Spring {@code WebSocketHandler} that runs chatstack's STOMP engine for every SockJS session, and
 * for the raw WebSocket sessions that {@link StompUpgradeStrategy} leaves to Spring: on a container
 * without the Jakarta WebSocket API, or for a host's subclass of this handler. (Otherwise, on
 * Tomcat and Jetty, raw WebSocket connections run on a {@link StompEndpoint}, without Spring's
 * session in between.) The handshake principal (for example from Spring Security) is handed to the
 * {@code Authenticator}. Thread-safe; Spring calls it one message at a time per session.
 */
public class StompWebSocketHandler extends AbstractWebSocketHandler implements SubProtocolCapable {
  private static final String CONNECTION = StompConnection.class.getName();

  private static final String CLOSED = StompWebSocketHandler.class.getName() + ".closed";

  private final StompEngine engine;
  private final Executor writer;
  private final ConnectionObserver observer;

  /**
   * @param engine the STOMP engine every session runs on
   * @param writer runs the blocking WebSocket writes, one at a time per session
   * @param observer told about sessions opening and closing
   */
  public StompWebSocketHandler(StompEngine engine, Executor writer, ConnectionObserver observer) {
    this.engine = engine;
    this.writer = writer;
    this.observer = observer;
  }

  /** STOMP's WebSocket subprotocols, so clients that ask for one get it confirmed. */
  @Override
  public List<String> getSubProtocols() {
    return List.of("v12.stomp", "v11.stomp", "v10.stomp");
  }

  StompEngine engine() {
    return engine;
  }

  ConnectionObserver observer() {
    return observer;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) {
    StompConnection connection =
        engine.open(
            SpringWebSocketTransport.of(session, writer, observer),
            lowerCaseNames(session.getHandshakeHeaders()),
            query(session.getUri()),
            Optional.ofNullable(session.getPrincipal()).map(p -> p.getName()));
    session.getAttributes().put(CONNECTION, connection);
    observer.opened();
  }

  /**
   * True: containers may hand over a large message in parts (their buffers then stay small); the
   * STOMP frame reader joins them and enforces the frame size limit itself.
   */
  @Override
  public boolean supportsPartialMessages() {
    return true;
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
    // Parts never split a surrogate pair: containers decode into whole characters.
    connection(session).ifPresent(c -> c.onText(message.getPayload()));
  }

  @Override
  protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
    connection(session).ifPresent(c -> c.onBinary(message.getPayload()));
  }

  @Override
  public void handleTransportError(WebSocketSession session, Throwable exception) {
    ended(session);
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    ended(session);
  }

  private void ended(WebSocketSession session) {
    Optional<StompConnection> connection = connection(session);
    connection.ifPresent(StompConnection::onTransportClosed);
    if (connection.isPresent()
        && session.getAttributes().putIfAbsent(CLOSED, Boolean.TRUE) == null) {
      observer.closed();
    }
  }

  private static Optional<StompConnection> connection(WebSocketSession session) {
    return Optional.ofNullable((StompConnection) session.getAttributes().get(CONNECTION));
  }

  /** The handshake's headers with their names in lower case, as the engine takes them. */
  static Map<String, List<String>> lowerCaseNames(HttpHeaders headers) {
    Map<String, List<String>> lowerCase = new LinkedHashMap<>();
    headers.forEach(
        (name, values) -> lowerCase.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    return lowerCase;
  }

  /** The handshake URL's query parameters, decoded. */
  static Map<String, List<String>> query(@Nullable URI uri) {
    if (uri == null) {
      return Map.of();
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    UriComponentsBuilder.fromUri(uri)
        .build()
        .getQueryParams()
        .forEach(
            (name, values) -> {
              List<String> decoded = new ArrayList<>();
              values.forEach(
                  v ->
                      decoded.add(
                          v == null ? "" : java.net.URLDecoder.decode(v, StandardCharsets.UTF_8)));
              query.put(name, decoded);
            });
    return query;
  }
}
