package io.chatstack.server;

import io.chatstack.core.ChatService;
import io.chatstack.stomp.StompDestinations;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Everything the STOMP adapter needs, shared by all its connections: the {@link ChatService},
 * security and limits. Build with {@link #builder(ChatService, Authenticator)}; pass it to {@link
 * ChatServer.Builder#config(StompServerConfig)} or {@link ChatEndpoint#serverEndpointConfig(String,
 * StompServerConfig)}. Thread-safe (immutable).
 */
public final class StompServerConfig {
  private final ChatService chatService;
  private final Authenticator authenticator;
  private final RoomAuthorizer roomAuthorizer;
  private final RoomAccess roomAccess;
  private final StompLimits limits;
  private final StompDestinations destinations;
  private final Set<String> allowedOrigins;
  private final Duration heartbeatSend;
  private final Duration heartbeatReceive;
  private final Duration connectTimeout;
  private final Duration frameTimeout;
  private final Duration closeTimeout;
  private final ScheduledExecutorService scheduler;

  private StompServerConfig(Builder b) {
    this.chatService = b.chatService;
    this.authenticator = b.authenticator;
    this.roomAuthorizer = b.roomAccess != null ? b.roomAccess.authorizer() : b.roomAuthorizer;
    this.roomAccess =
        b.roomAccess != null ? b.roomAccess : new RoomAccess(b.chatService, b.roomAuthorizer);
    this.limits = b.limits;
    this.destinations = b.destinations;
    this.allowedOrigins = Set.copyOf(b.allowedOrigins);
    this.heartbeatSend = b.heartbeatSend;
    this.heartbeatReceive = b.heartbeatReceive;
    this.connectTimeout = b.connectTimeout;
    this.frameTimeout = b.frameTimeout;
    this.closeTimeout = b.closeTimeout;
    this.scheduler = b.scheduler;
  }

  /** A builder; {@code chatService} and {@code authenticator} are required. */
  public static Builder builder(ChatService chatService, Authenticator authenticator) {
    return new Builder(chatService, authenticator);
  }

  public ChatService chatService() {
    return chatService;
  }

  public Authenticator authenticator() {
    return authenticator;
  }

  public RoomAuthorizer roomAuthorizer() {
    return roomAuthorizer;
  }

  /** The room rules every destination applies (built from the authorizer unless given). */
  public RoomAccess roomAccess() {
    return roomAccess;
  }

  public StompLimits limits() {
    return limits;
  }

  public StompDestinations destinations() {
    return destinations;
  }

  /** Browser origins allowed to connect; {@code *} allows any; empty means same-origin only. */
  public Set<String> allowedOrigins() {
    return allowedOrigins;
  }

  /** Smallest interval at which the server offers to send heart-beats (zero: never). */
  public Duration heartbeatSend() {
    return heartbeatSend;
  }

  /** Smallest interval at which the server wants to receive heart-beats (zero: not needed). */
  public Duration heartbeatReceive() {
    return heartbeatReceive;
  }

  /** Time a new connection has to complete its CONNECT frame before it is closed. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * Time a frame has, from its first byte, to arrive completely before the connection is closed.
   */
  public Duration frameTimeout() {
    return frameTimeout;
  }

  /**
   * Time a connection that the server closes has to take its last frames (an ERROR, or what was
   * queued before a DISCONNECT's RECEIPT) before it is cut off without them.
   */
  public Duration closeTimeout() {
    return closeTimeout;
  }

  /** Scheduler for heart-beats and timeouts, or empty to let the adapter create a daemon thread. */
  public Optional<ScheduledExecutorService> scheduler() {
    return Optional.ofNullable(scheduler);
  }

  /** Configures a {@link StompServerConfig}. Not thread-safe. */
  public static final class Builder {
    private final ChatService chatService;
    private final Authenticator authenticator;
    private RoomAuthorizer roomAuthorizer = RoomAuthorizer.defaults();
    private RoomAccess roomAccess;
    private StompLimits limits = StompLimits.DEFAULTS;
    private StompDestinations destinations = StompDestinations.DEFAULTS;
    private Set<String> allowedOrigins = Set.of();
    private Duration heartbeatSend = Duration.ofSeconds(10);
    private Duration heartbeatReceive = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration frameTimeout = Duration.ofSeconds(30);
    private Duration closeTimeout = Duration.ofSeconds(30);
    private ScheduledExecutorService scheduler;

    private Builder(ChatService chatService, Authenticator authenticator) {
      this.chatService = Objects.requireNonNull(chatService, "chatService");
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    }

    /** Who may read, write and join which room; default {@link RoomAuthorizer#defaults()}. */
    public Builder roomAuthorizer(RoomAuthorizer value) {
      this.roomAuthorizer = Objects.requireNonNull(value, "roomAuthorizer");
      return this;
    }

    /**
     * The room rules to apply, shared with other transports (the Spring Boot starter passes the one
     * its REST API uses); it brings its own authorizer, so {@link #roomAuthorizer} is then unused.
     * Default: a {@link RoomAccess} over this config's chat service and authorizer.
     */
    public Builder roomAccess(RoomAccess value) {
      this.roomAccess = Objects.requireNonNull(value, "roomAccess");
      return this;
    }

    /** Per-connection limits; default {@link StompLimits#DEFAULTS}. */
    public Builder limits(StompLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /** Destination prefixes; default {@link StompDestinations#DEFAULTS}. */
    public Builder destinations(StompDestinations value) {
      this.destinations = Objects.requireNonNull(value, "destinations");
      return this;
    }

    /**
     * Browser origins (e.g. {@code https://chat.example.com}) allowed to open a connection; {@code
     * *} allows any; others get HTTP 403. Default none: same-origin only (the {@code Origin} must
     * match the {@code Host} header; a cross-origin connection is closed right after the handshake
     * with code 1008). Clients that send no {@code Origin} (non-browser) are always allowed.
     */
    public Builder allowedOrigins(String... origins) {
      this.allowedOrigins = Set.copyOf(List.of(origins));
      return this;
    }

    /**
     * Heart-beat intervals the server offers (STOMP {@code heart-beat: send,receive}); the
     * effective ones are negotiated with each client. A client silent for twice its interval is
     * disconnected. Default 10 seconds each; zero disables that direction.
     */
    public Builder heartbeat(Duration send, Duration receive) {
      if (send.isNegative() || receive.isNegative()) {
        throw new IllegalArgumentException("heart-beat intervals must not be negative");
      }
      this.heartbeatSend = send;
      this.heartbeatReceive = receive;
      return this;
    }

    /**
     * Time a new connection has, from the moment it opened, to complete a CONNECT (or STOMP) frame
     * that is accepted; a connection still waiting after it gets an ERROR with code {@code
     * connect-timeout} and is closed, so idle sockets cannot pile up. Default 10 seconds; must be
     * positive.
     */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = requirePositive(value, "connectTimeout");
      return this;
    }

    /**
     * Time a frame has, from its first byte, to arrive completely (up to its NUL); a connection
     * sending a frame more slowly (slowloris) gets an ERROR with code {@code frame-timeout} and is
     * closed. Each frame gets its own clock, before and after CONNECT. Default 30 seconds; must be
     * positive.
     */
    public Builder frameTimeout(Duration value) {
      this.frameTimeout = requirePositive(value, "frameTimeout");
      return this;
    }

    /**
     * Time a connection that the server closes (after an ERROR, a DISCONNECT, a slow consumer's
     * overflow) has to take its last frames; a client that does not read them in time is cut off
     * without them. Default 30 seconds; must be positive.
     */
    public Builder closeTimeout(Duration value) {
      this.closeTimeout = requirePositive(value, "closeTimeout");
      return this;
    }

    private static Duration requirePositive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }

    /** Scheduler to share for heart-beats and timeouts; default a daemon thread per config. */
    public Builder scheduler(ScheduledExecutorService value) {
      this.scheduler = Objects.requireNonNull(value, "scheduler");
      return this;
    }

    /** The configuration. */
    public StompServerConfig build() {
      return new StompServerConfig(this);
    }
  }
}
