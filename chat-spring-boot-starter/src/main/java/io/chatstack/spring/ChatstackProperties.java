package io.chatstack.spring;

import io.chatstack.core.ChatLimits;
import io.chatstack.core.SignalSettings;
import io.chatstack.server.StompLimits;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/** Configuration of chatstack under the {@code chatstack.*} prefix. */
@ConfigurationProperties("chatstack")
public class ChatstackProperties {

  /** Longest wait for the message log to acknowledge a send before it fails. */
  private Duration sendTimeout = Duration.ofSeconds(10);

  /**
   * Longest time a node uses a cached room for membership checks; room events from every node
   * refresh it much sooner, and a room in steady use is reloaded in the background once its entry
   * is 3/4 of this old. 0 turns the cache off.
   */
  private Duration roomCacheTtl = Duration.ofSeconds(5);

  /** Input limits enforced on every transport. */
  private final Limits limits = new Limits();

  /** REST API for rooms and history. */
  private final Rest rest = new Rest();

  /** Identity of REST and STOMP callers. */
  private final Security security = new Security();

  /** Micrometer metrics of the message bus. */
  private final Metrics metrics = new Metrics();

  /** STOMP endpoint over WebSocket and SockJS. */
  private final WebSocket websocket = new WebSocket();

  public WebSocket getWebsocket() {
    return websocket;
  }

  /** Kafka message bus; used when bootstrap-servers is set. */
  private final Kafka kafka = new Kafka();

  /** MySQL/MariaDB room repository over Jdbi; used when url is set. */
  private final Jdbc jdbc = new Jdbc();

  /** MongoDB message history; used when uri is set. */
  private final Mongo mongo = new Mongo();

  /** In-process Kafka, MongoDB wire server and H2 for development; needs chat-dev-services. */
  private final DevServices devServices = new DevServices();

  /** Who is online in each room. */
  private final Presence presence = new Presence();

  /** Typing indicators. */
  private final Typing typing = new Typing();

  /** Read receipts of the other participants of a room. */
  private final ReadReceipts readReceipts = new ReadReceipts();

  /** Edits, deletes and reactions of messages already sent. */
  private final Messages messages = new Messages();

  private final Rooms rooms = new Rooms();

  /** Message history kept by the history store. */
  private final History history = new History();

  /** Administrative REST endpoints (erasure of a user's messages). */
  private final Admin admin = new Admin();

  /** Host hooks: the MessageInterceptor beans that see messages before they are sent. */
  private final Hooks hooks = new Hooks();

  public Hooks getHooks() {
    return hooks;
  }

  /** Offline notifications: the OfflineNotifier beans. */
  private final Notifications notifications = new Notifications();

  public Notifications getNotifications() {
    return notifications;
  }

  /** The notification rate limit; fails naming the property when it is negative. */
  Duration notificationMinInterval() {
    Duration interval = notifications.getMinInterval();
    if (interval == null || interval.isNegative()) {
      throw new IllegalArgumentException(
          "chatstack.notifications.min-interval must be 0 or positive, e.g. 60s, was " + interval);
    }
    return interval;
  }

  /** The interceptor deadline; fails naming the property when it is not positive. */
  Duration beforeSendTimeout() {
    Duration timeout = hooks.getBeforeSendTimeout();
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException(
          "chatstack.hooks.before-send-timeout must be positive, e.g. 200ms or 1s, was " + timeout);
    }
    return timeout;
  }

  /** The interceptor failure policy; fails naming the property and its values otherwise. */
  io.chatstack.core.InterceptorFailurePolicy interceptorFailurePolicy() {
    String policy = hooks.getFailurePolicy();
    if ("fail-closed".equals(policy)) {
      return io.chatstack.core.InterceptorFailurePolicy.FAIL_CLOSED;
    }
    if ("fail-open".equals(policy)) {
      return io.chatstack.core.InterceptorFailurePolicy.FAIL_OPEN;
    }
    throw new IllegalArgumentException(
        "chatstack.hooks.failure-policy must be fail-closed or fail-open, was '" + policy + "'");
  }

  /** Applies {@code chatstack.history.tail.*}; fails naming the properties when one is invalid. */
  void applyHistoryTail(io.chatstack.core.ChatService.Builder builder) {
    Tail tail = history.getTail();
    try {
      builder.historyTail(tail.getRecordsPerRoom(), tail.getMaxSize().toBytes(), tail.getMaxAge());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "chatstack.history.tail: records-per-room must be 0 to 100000, max-size at least 0B and"
              + " max-age positive (e.g. 200, 32MB, 1m): "
              + e.getMessage());
    }
  }

  /** The edit window; fails naming the property when it is not positive. */
  Duration editWindow() {
    Duration window = messages.getEditWindow();
    if (window == null || window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException(
          "chatstack.messages.edit-window must be positive, e.g. 24h or 15m, was " + window);
    }
    return window;
  }

  public Messages getMessages() {
    return messages;
  }

  public Rooms getRooms() {
    return rooms;
  }

  /** Whether deleting a room erases its history; fails naming the property and its values. */
  boolean deleteHistory() {
    String mode = rooms.getDeleteHistory();
    if ("keep".equals(mode)) {
      return false;
    }
    if ("erase".equals(mode)) {
      return true;
    }
    throw new IllegalArgumentException(
        "chatstack.rooms.delete-history must be keep or erase, was '" + mode + "'");
  }

  public History getHistory() {
    return history;
  }

  public Admin getAdmin() {
    return admin;
  }

  public Presence getPresence() {
    return presence;
  }

  public Typing getTyping() {
    return typing;
  }

  public ReadReceipts getReadReceipts() {
    return readReceipts;
  }

  /**
   * The presence, typing and receipt timings these settings describe; fails naming the property
   * when one is out of range (grace and throttle may be 0, lease and timeout must be positive).
   */
  SignalSettings signalSettings() {
    try {
      return SignalSettings.DEFAULTS
          .withPresenceGrace(presence.getGrace())
          .withPresenceLease(presence.getLease())
          .withTypingThrottle(typing.getThrottle())
          .withTypingTimeout(typing.getTimeout())
          .withReadReceipts(readReceipts.isEnabled());
    } catch (IllegalArgumentException | NullPointerException e) {
      String message =
          String.valueOf(e.getMessage())
              .replace("presenceGrace", "chatstack.presence.grace")
              .replace("presenceLease", "chatstack.presence.lease")
              .replace("typingThrottle", "chatstack.typing.throttle")
              .replace("typingTimeout", "chatstack.typing.timeout");
      throw new IllegalArgumentException(message, e);
    }
  }

  public Kafka getKafka() {
    return kafka;
  }

  public Jdbc getJdbc() {
    return jdbc;
  }

  public Mongo getMongo() {
    return mongo;
  }

  public DevServices getDevServices() {
    return devServices;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  public Duration getSendTimeout() {
    return sendTimeout;
  }

  public void setSendTimeout(Duration sendTimeout) {
    this.sendTimeout = sendTimeout;
  }

  public Duration getRoomCacheTtl() {
    return roomCacheTtl;
  }

  public void setRoomCacheTtl(Duration roomCacheTtl) {
    this.roomCacheTtl = roomCacheTtl;
  }

  public Limits getLimits() {
    return limits;
  }

  public Rest getRest() {
    return rest;
  }

  public Security getSecurity() {
    return security;
  }

  /**
   * The authentication mode of REST and STOMP, lower case: chatstack.security.authentication, else
   * the deprecated chatstack.websocket.authentication, else principal.
   */
  public String authenticationMode() {
    String mode = security.getAuthentication();
    if (mode == null || mode.isBlank()) {
      mode = websocket.getAuthentication();
    }
    return mode == null || mode.isBlank() ? "principal" : mode.trim().toLowerCase(Locale.ROOT);
  }

  /** The HMAC secret: chatstack.security.jwt.secret, else chatstack.websocket.jwt-secret. */
  public String jwtSecret() {
    String secret = security.getJwt().getSecret();
    return secret != null ? secret : websocket.getJwtSecret();
  }

  /** The required issuer: chatstack.security.jwt.issuer, else chatstack.websocket.jwt-issuer. */
  public String jwtIssuer() {
    String issuer = security.getJwt().getIssuer();
    return issuer != null ? issuer : websocket.getJwtIssuer();
  }

  /** Identity settings shared by the REST API and the STOMP endpoint. */
  public static class Security {
    /**
     * How REST and STOMP callers prove who they are: principal (the user the host authenticated,
     * e.g. with Spring Security; the default), dev (trust the user name the client sends;
     * development only) or jwt (signed bearer tokens, see chatstack.security.jwt.*).
     */
    private String authentication;

    /** Bearer-token settings used when authentication is jwt. */
    private final Jwt jwt = new Jwt();

    public String getAuthentication() {
      return authentication;
    }

    public void setAuthentication(String authentication) {
      this.authentication = authentication;
    }

    public Jwt getJwt() {
      return jwt;
    }
  }

  /** JSON Web Token settings. */
  public static class Jwt {
    /** Shared secret of HMAC-SHA256 tokens, at least 32 characters. */
    private String secret;

    /**
     * URL of a JSON Web Key Set (JWKS) whose keys verify RS256 and ES256 tokens (keys cached,
     * refetched for an unknown kid); instead of secret. Needs com.auth0:jwks-rsa.
     */
    private java.net.URI jwkSetUri;

    /** Required issuer (iss claim) of tokens; any issuer when unset. */
    private String issuer;

    /** Required audience (aud claim) of tokens; any audience when unset. */
    private String audience;

    /** Claim holding the user name. */
    private String userClaim = "sub";

    public String getSecret() {
      return secret;
    }

    public void setSecret(String secret) {
      this.secret = secret;
    }

    public java.net.URI getJwkSetUri() {
      return jwkSetUri;
    }

    public void setJwkSetUri(java.net.URI jwkSetUri) {
      this.jwkSetUri = jwkSetUri;
    }

    public String getIssuer() {
      return issuer;
    }

    public void setIssuer(String issuer) {
      this.issuer = issuer;
    }

    public String getAudience() {
      return audience;
    }

    public void setAudience(String audience) {
      this.audience = audience;
    }

    public String getUserClaim() {
      return userClaim;
    }

    public void setUserClaim(String userClaim) {
      this.userClaim = userClaim;
    }
  }

  /** Input limits. */
  public static class Limits {
    /** Longest room name, in characters. */
    private int maxRoomNameLength = ChatLimits.DEFAULTS.maxRoomNameLength();

    /** Longest user name, in characters. */
    private int maxUsernameLength = ChatLimits.DEFAULTS.maxUsernameLength();

    /** Longest message content, in characters. */
    private int maxContentLength = ChatLimits.DEFAULTS.maxContentLength();

    /** Longest client-chosen message id, in characters. */
    private int maxClientMsgIdLength = ChatLimits.DEFAULTS.maxClientMsgIdLength();

    public int getMaxRoomNameLength() {
      return maxRoomNameLength;
    }

    public void setMaxRoomNameLength(int maxRoomNameLength) {
      this.maxRoomNameLength = maxRoomNameLength;
    }

    public int getMaxUsernameLength() {
      return maxUsernameLength;
    }

    public void setMaxUsernameLength(int maxUsernameLength) {
      this.maxUsernameLength = maxUsernameLength;
    }

    public int getMaxContentLength() {
      return maxContentLength;
    }

    public void setMaxContentLength(int maxContentLength) {
      this.maxContentLength = maxContentLength;
    }

    public int getMaxClientMsgIdLength() {
      return maxClientMsgIdLength;
    }

    public void setMaxClientMsgIdLength(int maxClientMsgIdLength) {
      this.maxClientMsgIdLength = maxClientMsgIdLength;
    }

    ChatLimits toChatLimits() {
      return new ChatLimits(
          maxRoomNameLength, maxUsernameLength, maxContentLength, maxClientMsgIdLength);
    }
  }

  /** REST API settings. */
  public static class Rest {
    /** Whether to expose the REST API under /api (rooms, participants, history). */
    private boolean enabled = true;

    /**
     * Origin patterns allowed to call /api/** from browsers (CORS); empty means none. Cross-origin
     * calls carry no cookies (credentials are not allowed): a page on another origin authenticates
     * with a bearer token; with cookie/session authentication, serve the API from the page's
     * origin.
     */
    private java.util.List<String> allowedOrigins = new java.util.ArrayList<>();

    /**
     * Mutating calls (POST, PUT, PATCH, DELETE under /api) allowed per second and user, also the
     * burst size; in dev mode per client address when the request names no user in a header. More
     * are answered with 429 and Retry-After.
     */
    private int requestsPerSecond = 20;

    /** Largest request body accepted under /api (also for chunked bodies); larger ones get 413. */
    private DataSize maxBodySize = DataSize.ofKilobytes(64);

    public int getRequestsPerSecond() {
      return requestsPerSecond;
    }

    public void setRequestsPerSecond(int requestsPerSecond) {
      this.requestsPerSecond = requestsPerSecond;
    }

    public DataSize getMaxBodySize() {
      return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
      this.maxBodySize = maxBodySize;
    }

    public java.util.List<String> getAllowedOrigins() {
      return allowedOrigins;
    }

    public void setAllowedOrigins(java.util.List<String> allowedOrigins) {
      this.allowedOrigins = allowedOrigins;
    }

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Metrics settings. */
  public static class Metrics {
    /** Whether to record chatstack.* metrics when a MeterRegistry bean exists. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Kafka settings; unset values take the KafkaChatConfig defaults. */
  public static class Kafka {
    /** Kafka bootstrap servers, e.g. localhost:9092; setting it switches the bus to Kafka. */
    private String bootstrapServers;

    /** Topic of chat messages and JOIN/LEAVE events. */
    private String messagesTopic = "chat-messages";

    /** Topic of room-list changes. */
    private String eventsTopic = "chat-events";

    /** Partitions of the messages topic when it is created; must match an existing topic. */
    private int partitions = 6;

    /** Replication factor of created topics; the broker default when unset. */
    private Integer replicationFactor;

    /**
     * Topic of ephemeral signals (presence, typing, read notifications); created with one partition
     * and a retention of one minute, never persisted.
     */
    private String signalsTopic = "chat-signals";

    /**
     * Topic of afterPersist batches a PersistListener still failed on after its last attempt (one
     * record per listener and room, key = room id, JSON value with listener, error and messages);
     * created with one partition.
     */
    private String deadLettersTopic = "chat-dead-letters";

    /** Consumer group of the persisters, shared by all nodes. */
    private String persisterGroupId = "chatstack-persister";

    /**
     * How long the persister lets records gather before it writes them to the message store (fewer
     * writes and offset commits at low rates); 0 writes each fetch at once. Delivery does not wait
     * for it, and history pages within a node's tails (chatstack.history.tail) include what is not
     * stored yet; pages further back may miss a message for up to this long after its send was
     * acknowledged. At most 30s and shorter than chatstack.send-timeout.
     */
    private Duration persisterLinger = Duration.ofMillis(100);

    /** Name of this node in Kafka client ids; random when unset. */
    private String nodeId;

    /** Extra properties for every Kafka client, e.g. security settings. */
    private final java.util.Map<String, String> properties = new java.util.HashMap<>();

    public String getBootstrapServers() {
      return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
    }

    public String getMessagesTopic() {
      return messagesTopic;
    }

    public void setMessagesTopic(String messagesTopic) {
      this.messagesTopic = messagesTopic;
    }

    public String getEventsTopic() {
      return eventsTopic;
    }

    public void setEventsTopic(String eventsTopic) {
      this.eventsTopic = eventsTopic;
    }

    public String getSignalsTopic() {
      return signalsTopic;
    }

    public void setSignalsTopic(String signalsTopic) {
      this.signalsTopic = signalsTopic;
    }

    public String getDeadLettersTopic() {
      return deadLettersTopic;
    }

    public void setDeadLettersTopic(String deadLettersTopic) {
      this.deadLettersTopic = deadLettersTopic;
    }

    public int getPartitions() {
      return partitions;
    }

    public void setPartitions(int partitions) {
      this.partitions = partitions;
    }

    public Integer getReplicationFactor() {
      return replicationFactor;
    }

    public void setReplicationFactor(Integer replicationFactor) {
      this.replicationFactor = replicationFactor;
    }

    public String getPersisterGroupId() {
      return persisterGroupId;
    }

    public void setPersisterGroupId(String persisterGroupId) {
      this.persisterGroupId = persisterGroupId;
    }

    public Duration getPersisterLinger() {
      return persisterLinger;
    }

    public void setPersisterLinger(Duration persisterLinger) {
      this.persisterLinger = persisterLinger;
    }

    public String getNodeId() {
      return nodeId;
    }

    public void setNodeId(String nodeId) {
      this.nodeId = nodeId;
    }

    public java.util.Map<String, String> getProperties() {
      return properties;
    }
  }

  /** Presence settings. */
  public static class Presence {
    /**
     * How long a user stays online after their last connection closed; a reconnect within it
     * produces no offline/online events. 0 reports them offline at once.
     */
    private Duration grace = Duration.ofSeconds(5);

    /**
     * How long a node's users stay online on the other nodes after its last sign of life; each node
     * renews its lease every third of it. Users of a node that dies go offline within grace +
     * lease.
     */
    private Duration lease = Duration.ofSeconds(15);

    public Duration getGrace() {
      return grace;
    }

    public void setGrace(Duration grace) {
      this.grace = grace;
    }

    public Duration getLease() {
      return lease;
    }

    public void setLease(Duration lease) {
      this.lease = lease;
    }
  }

  /** Typing indicator settings. */
  public static class Typing {
    /** Shortest interval between two forwarded "typing: true" of one user in one room. */
    private Duration throttle = Duration.ofSeconds(3);

    /**
     * Delay after the last "typing: true" of a user after which the server sends "typing: false".
     */
    private Duration timeout = Duration.ofSeconds(6);

    public Duration getThrottle() {
      return throttle;
    }

    public void setThrottle(Duration throttle) {
      this.throttle = throttle;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  /** Read receipt settings. */
  public static class ReadReceipts {
    /**
     * Whether participants subscribed to a room's reads see who read up to where (at most one
     * receipt per second per user and room). When off, subscriptions are accepted and stay silent;
     * read state and unread counts work either way.
     */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** Host hook settings. */
  public static class Hooks {
    /**
     * Longest time one MessageInterceptor call may take before it is abandoned and handled by the
     * failure policy, counted from the hand-over to the hook threads (waiting for a free one
     * counts); it adds to the latency of every send.
     */
    private Duration beforeSendTimeout = Duration.ofMillis(200);

    /**
     * What a send does when a MessageInterceptor throws, times out or rewrites invalidly:
     * fail-closed refuses it with interceptor-failed, fail-open sends it as it was before that
     * interceptor.
     */
    private String failurePolicy = "fail-closed";

    /** PersistListener beans called after messages are stored (webhooks, search, push). */
    private final AfterPersist afterPersist = new AfterPersist();

    public AfterPersist getAfterPersist() {
      return afterPersist;
    }

    public Duration getBeforeSendTimeout() {
      return beforeSendTimeout;
    }

    public void setBeforeSendTimeout(Duration beforeSendTimeout) {
      this.beforeSendTimeout = beforeSendTimeout;
    }

    public String getFailurePolicy() {
      return failurePolicy;
    }

    public void setFailurePolicy(String failurePolicy) {
      this.failurePolicy = failurePolicy;
    }
  }

  /**
   * Retries of a failing PersistListener on the Kafka bus; after the last attempt the batch goes to
   * the dead-letter topic and storage continues. The in-memory bus calls each listener once.
   */
  public static class AfterPersist {
    /** Calls of a failing PersistListener per batch before the batch is dead-lettered. */
    private int maxAttempts = 5;

    /**
     * Delay before the second call of a failing PersistListener; doubles up to max-backoff. The
     * persister waits meanwhile, so storage on that node pauses too.
     */
    private Duration initialBackoff = Duration.ofMillis(100);

    /** Longest delay between two calls of a failing PersistListener. */
    private Duration maxBackoff = Duration.ofSeconds(5);

    public int getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }
  }

  /** OfflineNotifier settings. */
  public static class Notifications {
    /**
     * Shortest time between two offline notifications of one user about one room; messages stored
     * meanwhile are not notified. 0 notifies about every stored batch.
     */
    private Duration minInterval = Duration.ofSeconds(60);

    public Duration getMinInterval() {
      return minInterval;
    }

    public void setMinInterval(Duration minInterval) {
      this.minInterval = minInterval;
    }
  }

  /** Message lifecycle settings. */
  public static class Messages {
    /**
     * How long after sending a user may still edit a message (deleting and reacting have no
     * window); an edit after it is refused with edit-window-expired.
     */
    private Duration editWindow = Duration.ofHours(24);

    public Duration getEditWindow() {
      return editWindow;
    }

    public void setEditWindow(Duration editWindow) {
      this.editWindow = editWindow;
    }
  }

  /** Room settings. */
  public static class Rooms {
    /**
     * What deleting a room (DELETE /api/rooms/{id}, owner only) does to its history: keep (the
     * store keeps its messages, no longer reachable through chatstack) or erase (they are removed
     * from the store; what the Kafka log holds expires with its retention).
     */
    private String deleteHistory = "keep";

    public String getDeleteHistory() {
      return deleteHistory;
    }

    public void setDeleteHistory(String deleteHistory) {
      this.deleteHistory = deleteHistory;
    }
  }

  /** History settings. */
  public static class History {
    /**
     * How long the MongoDB history keeps a message after it was sent, e.g. 30d (a TTL index
     * timestamp_ttl on the timestamp field, purged by MongoDB about once a minute); unset keeps
     * history forever. Set the Kafka retention of the messages topic to match (retention.ms), or
     * replays of the log still hold older messages. Applies to the MongoDB store only.
     */
    private Duration retention;

    /** Each node's in-memory tail of the newest records per room (latest pages, replays). */
    private final Tail tail = new Tail();

    public Duration getRetention() {
      return retention;
    }

    public void setRetention(Duration retention) {
      this.retention = retention;
    }

    public Tail getTail() {
      return tail;
    }
  }

  /**
   * Each node's tails of the newest records per room: opening a room (the latest page) and a
   * reconnecting client's replay are answered from memory, fed by the node's live stream, instead
   * of a store query. Older pages and longer replays come from the store.
   */
  public static class Tail {
    /** Records (messages and edits, deletes, reactions) kept per room; 0 turns the tails off. */
    private int recordsPerRoom = 200;

    /**
     * Bound of all tails' estimated size (string lengths plus a fixed overhead per record and
     * room); beyond it whole rooms are dropped, least recently read first.
     */
    private DataSize maxSize = DataSize.ofMegabytes(32);

    /**
     * A tail older than this is loaded again on its next read, so that an erasure made on another
     * node reaches this node's history within it (on the erasing node at once).
     */
    private Duration maxAge = Duration.ofMinutes(1);

    public int getRecordsPerRoom() {
      return recordsPerRoom;
    }

    public void setRecordsPerRoom(int recordsPerRoom) {
      this.recordsPerRoom = recordsPerRoom;
    }

    public DataSize getMaxSize() {
      return maxSize;
    }

    public void setMaxSize(DataSize maxSize) {
      this.maxSize = maxSize;
    }

    public Duration getMaxAge() {
      return maxAge;
    }

    public void setMaxAge(Duration maxAge) {
      this.maxAge = maxAge;
    }
  }

  /** Administrative endpoint settings. */
  public static class Admin {
    /**
     * Authority (or servlet role) a caller needs for the admin endpoints under /api/admin, e.g.
     * erasing a user's messages: a Spring Security authority of the request's principal or a role
     * of the request (mode principal), or an entry of the token's roles or scope claim (mode jwt).
     */
    private String authority = "CHATSTACK_ADMIN";

    /**
     * Whether dev mode, which authenticates nobody, lets every caller use the admin endpoints; off,
     * they are refused with 403 in dev mode.
     */
    private boolean allowInDevMode;

    public String getAuthority() {
      return authority;
    }

    public void setAuthority(String authority) {
      this.authority = authority;
    }

    public boolean isAllowInDevMode() {
      return allowInDevMode;
    }

    public void setAllowInDevMode(boolean allowInDevMode) {
      this.allowInDevMode = allowInDevMode;
    }
  }

  /** Relational room repository settings. */
  public static class Jdbc {
    /** JDBC URL of MySQL/MariaDB (or H2 in MySQL mode); setting it switches rooms to Jdbi. */
    private String url;

    /** Database user. */
    private String username;

    /** Database password. */
    private String password;

    /** When to create the tables: embedded (H2 only), always, never. */
    private String initializeSchema = "embedded";

    public String getUrl() {
      return url;
    }

    public void setUrl(String url) {
      this.url = url;
    }

    public String getUsername() {
      return username;
    }

    public void setUsername(String username) {
      this.username = username;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }

    public String getInitializeSchema() {
      return initializeSchema;
    }

    public void setInitializeSchema(String initializeSchema) {
      this.initializeSchema = initializeSchema;
    }
  }

  /** MongoDB history settings. */
  public static class Mongo {
    /** MongoDB connection string; setting it switches history to MongoDB. */
    private String uri;

    /** Database holding the history. */
    private String database = "chatstack";

    /** Collection of messages. */
    private String collection = "chat_messages";

    public String getUri() {
      return uri;
    }

    public void setUri(String uri) {
      this.uri = uri;
    }

    public String getDatabase() {
      return database;
    }

    public void setDatabase(String database) {
      this.database = database;
    }

    public String getCollection() {
      return collection;
    }

    public void setCollection(String collection) {
      this.collection = collection;
    }
  }

  /** Development services. */
  public static class DevServices {
    /**
     * Whether to start an in-process Kafka broker, MongoDB wire server and H2 database for each of
     * kafka, mongo and jdbc whose url is not set. Needs io.chatstack:chat-dev-services on the class
     * path, and for the H2 room store com.h2database:h2, org.jdbi:jdbi3-core and
     * org.flywaydb:flyway-core (its schema is migrated), as the demo has them.
     */
    private boolean enabled;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** STOMP endpoint settings. */
  public static class WebSocket {
    /** Whether to serve the STOMP endpoint in servlet web applications. */
    private boolean enabled = true;

    /** Path of the endpoint; raw WebSocket at the path itself, SockJS under it. */
    private String path = "/ws";

    /** Whether to offer the SockJS fallback at the same path. */
    private boolean sockjs = true;

    /** Origin patterns allowed to connect from browsers; empty means same origin only. */
    private java.util.List<String> allowedOrigins = new java.util.ArrayList<>();

    /**
     * How clients prove who they are: principal, dev or jwt. Deprecated: use
     * chatstack.security.authentication, which wins when both are set.
     */
    private String authentication;

    /** Shared secret of HMAC-SHA256 tokens. Deprecated: use chatstack.security.jwt.secret. */
    private String jwtSecret;

    /** Required issuer of tokens. Deprecated: use chatstack.security.jwt.issuer. */
    private String jwtIssuer;

    /**
     * Longest time a connection may take from opening to a completed CONNECT frame before it is
     * closed.
     */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /** Longest time a started frame may take to arrive completely before the connection closes. */
    private Duration frameTimeout = Duration.ofSeconds(30);

    /**
     * Longest time a connection that the server closes (after an ERROR, a DISCONNECT or a slow
     * consumer's overflow) may take to write its last frames before it is cut off without them.
     */
    private Duration closeTimeout = Duration.ofSeconds(30);

    /**
     * SEND frames allowed per second and connection, also the burst size; a client that sends
     * faster gets an ERROR frame and is disconnected.
     */
    private int sendsPerSecond = StompLimits.DEFAULTS.sendsPerSecond();

    /**
     * Frames that may wait to be written to one client before it counts as too slow and is
     * disconnected with an ERROR frame.
     */
    private int outboundQueueFrames = StompLimits.DEFAULTS.outboundQueueFrames();

    /**
     * Size in bytes of the servlet container's per-connection WebSocket buffers (message buffers;
     * on Tomcat also socket and frame buffers); unset keeps the container's defaults (Tomcat: 8 KiB
     * each, about 70 KiB per connection). 1024 suits servers holding many idle connections; 256,
     * the minimum, takes the least heap (about 9 KiB per idle connection on Tomcat, with its
     * DEFAULT_BUFFER_SIZE at 256 too) for some fan-out latency (docs/benchmarks.md). When set,
     * Tomcat's binary message buffer is at most 128 bytes (STOMP clients send text; a binary frame
     * arrives in parts). These become the container's defaults for every WebSocket endpoint of the
     * application; not applied when the application declares its own
     * ServletServerContainerFactoryBean.
     */
    private Integer bufferSize;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public boolean isSockjs() {
      return sockjs;
    }

    public void setSockjs(boolean sockjs) {
      this.sockjs = sockjs;
    }

    public java.util.List<String> getAllowedOrigins() {
      return allowedOrigins;
    }

    public void setAllowedOrigins(java.util.List<String> allowedOrigins) {
      this.allowedOrigins = allowedOrigins;
    }

    @Deprecated(since = "0.2")
    @DeprecatedConfigurationProperty(
        replacement = "chatstack.security.authentication",
        since = "0.2")
    public String getAuthentication() {
      return authentication;
    }

    @Deprecated(since = "0.2")
    public void setAuthentication(String authentication) {
      this.authentication = authentication;
    }

    @Deprecated(since = "0.2")
    @DeprecatedConfigurationProperty(replacement = "chatstack.security.jwt.secret", since = "0.2")
    public String getJwtSecret() {
      return jwtSecret;
    }

    @Deprecated(since = "0.2")
    public void setJwtSecret(String jwtSecret) {
      this.jwtSecret = jwtSecret;
    }

    @Deprecated(since = "0.2")
    @DeprecatedConfigurationProperty(replacement = "chatstack.security.jwt.issuer", since = "0.2")
    public String getJwtIssuer() {
      return jwtIssuer;
    }

    @Deprecated(since = "0.2")
    public void setJwtIssuer(String jwtIssuer) {
      this.jwtIssuer = jwtIssuer;
    }

    public int getSendsPerSecond() {
      return sendsPerSecond;
    }

    public void setSendsPerSecond(int sendsPerSecond) {
      this.sendsPerSecond = sendsPerSecond;
    }

    public Integer getBufferSize() {
      return bufferSize;
    }

    public void setBufferSize(Integer bufferSize) {
      this.bufferSize = bufferSize;
    }

    /** The buffer size; fails with what to fix when it is below 256 bytes. */
    public int bufferSize() {
      if (bufferSize == null || bufferSize < 256) {
        throw new IllegalArgumentException(
            "chatstack.websocket.buffer-size must be at least 256 (bytes), was " + bufferSize);
      }
      return bufferSize;
    }

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    public Duration getCloseTimeout() {
      return closeTimeout;
    }

    public void setCloseTimeout(Duration closeTimeout) {
      this.closeTimeout = closeTimeout;
    }

    public Duration getFrameTimeout() {
      return frameTimeout;
    }

    public void setFrameTimeout(Duration frameTimeout) {
      this.frameTimeout = frameTimeout;
    }

    public int getOutboundQueueFrames() {
      return outboundQueueFrames;
    }

    public void setOutboundQueueFrames(int outboundQueueFrames) {
      this.outboundQueueFrames = outboundQueueFrames;
    }

    /** The STOMP limits these settings describe (the others keep their defaults). */
    public StompLimits limits() {
      return StompLimits.DEFAULTS
          .withSendsPerSecond(sendsPerSecond)
          .withOutboundQueueFrames(outboundQueueFrames);
    }
  }
}
