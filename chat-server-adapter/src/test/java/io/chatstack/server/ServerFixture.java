package io.chatstack.server;

import io.chatstack.core.ChatService;
import java.net.URI;
import java.time.Duration;

/** A real ChatServer on a free port with an in-memory ChatService and the dev authenticator. */
final class ServerFixture implements AutoCloseable {
  final ChatService service;
  final ChatServer server;

  ServerFixture() {
    this(StompLimits.DEFAULTS);
  }

  ServerFixture(StompLimits limits) {
    this(ChatService.builder().build(), limits);
  }

  /** Over {@code service}, which {@link #close()} closes. */
  ServerFixture(ChatService service) {
    this(service, StompLimits.DEFAULTS);
  }

  private ServerFixture(ChatService service, StompLimits limits) {
    this.service = service;
    server =
        ChatServer.builder()
            .port(0)
            .config(
                StompServerConfig.builder(service, new DevAuthenticator())
                    .limits(limits)
                    .heartbeat(Duration.ofSeconds(5), Duration.ofSeconds(5))
                    .allowedOrigins("*")
                    .build())
            .build()
            .start();
  }

  URI uri() {
    return server.uri();
  }

  @Override
  public void close() {
    server.close();
    service.close();
  }
}
