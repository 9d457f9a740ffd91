package io.chatstack.client;

import io.chatstack.core.ChatService;
import io.chatstack.core.SignalSettings;
import io.chatstack.server.ChatServer;
import io.chatstack.server.DevAuthenticator;
import io.chatstack.server.StompLimits;
import io.chatstack.server.StompServerConfig;
import io.chatstack.stomp.StompDestinations;
import java.net.URI;
import java.time.Duration;

/**
 * A real ChatServer on a free port over an in-memory ChatService, which can be stopped and started
 * again on the same port with the same service (as a node restart with Kafka behind it would).
 */
final class TestServer implements AutoCloseable {
  final ChatService service;
  private final StompDestinations destinations;
  private final int port;
  private ChatServer server;

  TestServer() {
    this(ChatService.builder().build());
  }

  TestServer(ChatService service) {
    this(service, StompDestinations.DEFAULTS);
  }

  /** A server whose destinations have the given prefixes. */
  TestServer(StompDestinations destinations) {
    this(ChatService.builder().build(), destinations);
  }

  /** A server whose presence, typing and receipts do not wait: short grace, no throttles. */
  static TestServer withFastSignals() {
    return new TestServer(
        ChatService.builder()
            .signalSettings(
                SignalSettings.DEFAULTS
                    .withPresenceGrace(Duration.ofMillis(200))
                    .withTypingThrottle(Duration.ZERO)
                    .withTypingTimeout(Duration.ofSeconds(20))
                    .withReceiptInterval(Duration.ZERO))
            .build());
  }

  private TestServer(ChatService service, StompDestinations destinations) {
    this.service = service;
    this.destinations = destinations;
    server = build(0).start();
    port = server.port();
  }

  private ChatServer build(int onPort) {
    return ChatServer.builder()
        .port(onPort)
        .config(
            StompServerConfig.builder(service, new DevAuthenticator())
                .limits(StompLimits.DEFAULTS.withSendsPerSecond(100_000))
                .heartbeat(Duration.ofSeconds(5), Duration.ofSeconds(5))
                .destinations(destinations)
                .build())
        .build();
  }

  URI uri() {
    return URI.create("ws://localhost:" + port + "/ws");
  }

  /** Stops the server: every connection is cut. */
  void stop() {
    server.close();
  }

  /** Starts a new server on the same port with the same service. */
  void restart() {
    server = build(port).start();
  }

  ChatClient.Builder client(String login) {
    return ChatClient.builder()
        .url(uri())
        .login(login)
        .requestTimeout(Duration.ofSeconds(30))
        .reconnect(ReconnectPolicy.exponential(Duration.ofMillis(50), Duration.ofMillis(500)));
  }

  @Override
  public void close() {
    server.close();
    service.close();
  }
}
