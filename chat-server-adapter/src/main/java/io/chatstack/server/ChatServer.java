package io.chatstack.server;

import io.chatstack.core.ChatException;
import io.chatstack.core.ChatService;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import org.glassfish.tyrus.spi.ServerContainer;
import org.glassfish.tyrus.spi.ServerContainerFactory;

/**
 * A standalone STOMP-over-WebSocket chat server on Tyrus/Grizzly, for plain Java applications:
 *
 * <pre>{@code
 * ChatService service = ChatService.builder().build();
 * ChatServer server = ChatServer.builder()
 *     .port(8080)
 *     .chatService(service)
 *     .authenticator(JwtAuthenticator.hmacSha256(secret).build())
 *     .build()
 *     .start();            // ws://localhost:8080/ws
 * ...
 * server.close();
 * }</pre>
 *
 * <p>Needs {@code org.glassfish.tyrus:tyrus-server} and {@code
 * org.glassfish.tyrus:tyrus-container-grizzly-server} (2.2.x) on the class path. It listens on all
 * network interfaces (Tyrus' Grizzly container binds 0.0.0.0). Lifecycle: build, {@link #start()}
 * once, {@link #close()} once (closing every connection; the {@link ChatService} is not closed).
 * Thread-safe.
 */
public final class ChatServer implements AutoCloseable {
  private final int requestedPort;
  private final String path;
  private final StompServerConfig config;
  private ServerContainer container;
  private StompEngine engine;
  private int port = -1;

  private ChatServer(Builder b) {
    this.requestedPort = b.port;
    this.path = b.path;
    this.config =
        b.config != null
            ? b.config
            : StompServerConfig.builder(
                    Objects.requireNonNull(b.chatService, "chatService (or config) is required"),
                    Objects.requireNonNull(
                        b.authenticator, "authenticator (or config) is required"))
                .build();
  }

  /** A builder: port 8080, path {@code /ws}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the port and starts accepting connections.
   *
   * @throws ChatException (code {@code server-start-failed}) when Tyrus is missing or the port is
   *     taken
   */
  public synchronized ChatServer start() {
    if (container != null) {
      throw new IllegalStateException("already started");
    }
    try {
      Class.forName("org.glassfish.tyrus.container.grizzly.server.GrizzlyServerContainer");
    } catch (ClassNotFoundException e) {
      throw new ChatException(
          "server-start-failed",
          "ChatServer needs Tyrus: add org.glassfish.tyrus:tyrus-server and "
              + "org.glassfish.tyrus:tyrus-container-grizzly-server 2.2.x to your dependencies",
          e);
    }
    StompEngine newEngine = new StompEngine(config);
    ServerContainer newContainer = ServerContainerFactory.createServerContainer(Map.of());
    try {
      newContainer.addEndpoint(ChatEndpoint.serverEndpointConfig(path, newEngine));
      newContainer.start("/", requestedPort);
    } catch (Exception e) {
      newContainer.stop();
      newEngine.close();
      throw new ChatException(
          "server-start-failed",
          "Cannot start the chat server on port " + requestedPort + ": " + e,
          e);
    }
    int bound =
        newContainer instanceof org.glassfish.tyrus.server.TyrusServerContainer tyrus
            ? tyrus.getPort()
            : -1;
    this.port = bound > 0 ? bound : requestedPort;
    this.engine = newEngine;
    this.container = newContainer;
    return this;
  }

  /** The bound port (useful with port 0). @throws IllegalStateException before start */
  public synchronized int port() {
    if (container == null) {
      throw new IllegalStateException("not started");
    }
    return port;
  }

  /** The WebSocket URI on localhost, e.g. {@code ws://localhost:8080/ws}. */
  public URI uri() {
    return URI.create("ws://localhost:" + port() + path);
  }

  /** Stops listening and closes every connection. Idempotent. */
  @Override
  public synchronized void close() {
    if (container != null) {
      container.stop();
      engine.close();
      container = null;
    }
  }

  /** Configures a {@link ChatServer}. Not thread-safe. */
  public static final class Builder {
    private int port = 8080;
    private String path = "/ws";
    private StompServerConfig config;
    private ChatService chatService;
    private Authenticator authenticator;

    private Builder() {}

    /** TCP port; 0 picks a free one (see {@link ChatServer#port()}). Default 8080. */
    public Builder port(int value) {
      if (value < 0 || value > 65535) {
        throw new IllegalArgumentException("port must be 0..65535, was " + value);
      }
      this.port = value;
      return this;
    }

    /** WebSocket path; default {@code /ws}. */
    public Builder path(String value) {
      if (!value.startsWith("/")) {
        throw new IllegalArgumentException("path must start with '/', was " + value);
      }
      this.path = value;
      return this;
    }

    /** The chat service; required unless {@link #config(StompServerConfig)} is given. */
    public Builder chatService(ChatService value) {
      this.chatService = Objects.requireNonNull(value, "chatService");
      return this;
    }

    /** Who the clients are; required unless {@link #config(StompServerConfig)} is given. */
    public Builder authenticator(Authenticator value) {
      this.authenticator = Objects.requireNonNull(value, "authenticator");
      return this;
    }

    /**
     * Full configuration (limits, authorizer, origins, heart-beats); overrides the two setters
     * above.
     */
    public Builder config(StompServerConfig value) {
      this.config = Objects.requireNonNull(value, "config");
      return this;
    }

    /** The server, not yet started. */
    public ChatServer build() {
      return new ChatServer(this);
    }
  }
}
