package io.chatstack.client.internal;

import io.chatstack.client.ChatClientException;
import io.chatstack.client.internal.ConnectionState.Phase;
import io.chatstack.stomp.Command;
import io.chatstack.stomp.HeaderNames;
import io.chatstack.stomp.Heartbeat;
import io.chatstack.stomp.StompFrame;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Connection lifecycle: the STOMP handshake, re-subscribing and re-sending after a reconnect,
 * backoff between attempts, heart-beats, graceful close and failure. The first connect runs on the
 * caller's thread; reconnects and heart-beats on the client's io thread. Thread-safe.
 */
final class Connector {
  static final String ERRORS_SUBSCRIPTION = "errors";
  private static final Duration DISCONNECT_WAIT = Duration.ofSeconds(5);

  /** Opens a WebSocket link that reports to {@code listener}. */
  interface LinkOpener {
    Link open(URI uri, Link.Listener listener);
  }

  /** Writes what the new link must carry before it is published: subscriptions, unacked sends. */
  interface Replay {
    void onto(Link link) throws IOException;
  }

  private final ClientConfig config;
  private final ClientThreads threads;
  private final ConnectionState connection;
  private final Handshake handshake;
  private final LinkOpener opener;
  private final InboundFrames inbound;
  private final Replay replay;
  private final Waiters waiters;
  private final Unanswered unanswered;
  private final ConnectionEvents events;
  private final HeartbeatTimer heartbeats;

  /** Index in {@code config.uris()} of the server last connected to. */
  private volatile int serverIndex;

  Connector(
      ClientConfig config,
      ClientThreads threads,
      ConnectionState connection,
      Handshake handshake,
      LinkOpener opener,
      InboundFrames inbound,
      Replay replay,
      Waiters waiters,
      Unanswered unanswered,
      ConnectionEvents events) {
    this.config = config;
    this.threads = threads;
    this.connection = connection;
    this.handshake = handshake;
    this.opener = opener;
    this.inbound = inbound;
    this.replay = replay;
    this.waiters = waiters;
    this.unanswered = unanswered;
    this.events = events;
    this.heartbeats = new HeartbeatTimer(threads.io());
  }

  void connectFirst() {
    if (!connection.advance(Phase.NEW, Phase.CONNECTING)) {
      throw new IllegalStateException("connect() may be called once per client");
    }
    List<URI> uris = config.uris();
    for (int i = 0; ; i++) {
      try {
        connectTo(i);
        return;
      } catch (ChatClientException e) {
        // an unreachable server: try the next one; anything else is final
        if (fatal(e) || i == uris.size() - 1 || connection.isClosed()) {
          fail(e, false);
          throw e;
        }
      }
    }
  }

  /**
   * Opens a link to server {@code index}, CONNECTs, restores subscriptions and sends, then
   * publishes the link.
   */
  private void connectTo(int index) {
    URI uri = config.uris().get(index);
    CompletableFuture<StompFrame> answer = handshake.begin();
    Link link = opener.open(uri, linkListener());
    handshake.link(link);
    if (link.isClosed()) {
      answer.completeExceptionally(
          new ChatClientException("connection-lost", "The connection closed during handshake"));
    }
    try {
      link.write(connectFrame(uri));
      StompFrame frame = Requests.await(answer, config.requestTimeout(), "CONNECT");
      connection.userName(frame.header(HeaderNames.USER_NAME).orElse(config.login().orElse("")));
      long offered = config.heartbeat().toMillis();
      Heartbeat heartbeat =
          Heartbeat.negotiateLeniently(
              frame.headerOrNull(HeaderNames.HEART_BEAT), offered, offered);
      ChatClientException lostMeanwhile;
      synchronized (connection.writeLock()) {
        if (connection.isClosed()) {
          throw new ChatClientException("closed", "The client was closed while connecting");
        }
        link.write(
            StompFrame.of(
                Command.SUBSCRIBE,
                Map.of(
                    HeaderNames.ID,
                    ERRORS_SUBSCRIPTION,
                    HeaderNames.DESTINATION,
                    config.destinations().errors())));
        replay.onto(link);
        connection.current(link);
        serverIndex = index;
        Phase before = connection.phase();
        if (before == Phase.CLOSED || !connection.advance(before, Phase.CONNECTED)) {
          connection.current(null);
          throw new ChatClientException("closed", "The client was closed while connecting");
        }
        lostMeanwhile = handshake.end();
      }
      // The link may close before this: start() then cancels its task itself.
      heartbeats.start(link, heartbeat);
      events.connected();
      if (lostMeanwhile != null) {
        // e.g. an ERROR answering the replay arrived before the link was published
        onLinkClosed(link, lostMeanwhile);
      }
    } catch (IOException e) {
      ChatClientException closedBy = handshake.end();
      link.close(null);
      if (closedBy != null) {
        throw closedBy; // e.g. the server's ERROR answering what the handshake wrote
      }
      throw new ChatClientException(
          "connection-lost", "The connection broke during the handshake: " + e.getMessage(), e);
    } catch (ChatClientException e) {
      link.close(null);
      throw e;
    } finally {
      handshake.end();
    }
  }

  private StompFrame connectFrame(URI uri) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(HeaderNames.ACCEPT_VERSION, "1.2");
    headers.put(HeaderNames.HOST, uri.getHost());
    long hb = config.heartbeat().toMillis();
    headers.put(HeaderNames.HEART_BEAT, Heartbeat.header(hb, hb));
    config.login().ifPresent(login -> headers.put(HeaderNames.LOGIN, login));
    config.token().ifPresent(token -> headers.put(HeaderNames.AUTHORIZATION, "Bearer " + token));
    return StompFrame.of(Command.CONNECT, headers);
  }

  /** Reports a link's frames to the inbound side and its close to {@link #onLinkClosed}. */
  private Link.Listener linkListener() {
    return new Link.Listener() {
      @Override
      public void onFrames(Link link, List<StompFrame> frames) {
        inbound.onFrames(link, frames);
      }

      @Override
      public void onClosed(Link link, ChatClientException cause) {
        onLinkClosed(link, cause);
      }
    };
  }

  /** A link closed (by either side). Inbound or io thread. */
  private void onLinkClosed(Link link, ChatClientException cause) {
    if (handshake.closed(link, cause)) {
      return;
    }
    if (connection.current() != link) {
      return; // a link we already replaced or gave up
    }
    connection.current(null);
    heartbeats.stop();
    ChatClientException lost =
        cause != null ? cause : new ChatClientException("connection-lost", "Connection closed");
    unanswered.failWaiters(lost);
    if (fatal(lost)) {
      fail(lost, true);
      return;
    }
    if (!connection.advance(Phase.CONNECTED, Phase.RECONNECTING)) {
      return;
    }
    events.disconnected(lost);
    scheduleReconnect(1, lost);
  }

  private void scheduleReconnect(int attempt, ChatClientException last) {
    if (!config.reconnect().allows(attempt)) {
      fail(
          new ChatClientException(
              "reconnect-failed",
              "Lost the connection to "
                  + config.servers()
                  + (config.reconnect().maxAttempts() < 0
                      ? " and reconnecting is disabled (ReconnectPolicy.NONE)"
                      : " and gave up after " + (attempt - 1) + " reconnect attempts")
                  + "; last error: "
                  + last.getMessage(),
              last),
          true);
      return;
    }
    Duration delay = config.reconnect().delay(attempt);
    events.reconnecting(attempt, delay);
    try {
      threads.io().schedule(() -> reconnect(attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  /**
   * Attempt 1 goes back to the server last connected to (most outages are short), each later
   * attempt to the next server in the list, round robin.
   */
  private void reconnect(int attempt) {
    if (connection.phase() != Phase.RECONNECTING) {
      return;
    }
    int servers = config.uris().size();
    try {
      connectTo((serverIndex + attempt - 1) % servers);
    } catch (ChatClientException e) {
      if (fatal(e)) {
        fail(e, true);
      } else if (connection.phase() == Phase.RECONNECTING) {
        scheduleReconnect(attempt + 1, e);
      }
    }
  }

  static boolean fatal(ChatClientException e) {
    return e.code().equals("malformed-frame") || e.code().equals("server-error");
  }

  /** DISCONNECT with receipt, then close; pending sends fail with {@code closed}. */
  void closeGracefully() {
    Phase previous = connection.enter(Phase.CLOSED);
    if (previous == Phase.CLOSED) {
      return;
    }
    Link link = connection.current();
    connection.current(null);
    heartbeats.stop();
    if (link != null) {
      CompletableFuture<StompFrame> receipt = waiters.register("disconnect");
      try {
        link.write(StompFrame.of(Command.DISCONNECT, Map.of(HeaderNames.RECEIPT, "disconnect")));
        Requests.await(receipt, DISCONNECT_WAIT, "DISCONNECT");
      } catch (IOException | ChatClientException e) {
        // closing anyway
      }
      link.close(null);
    }
    Link pendingLink = handshake.link();
    if (pendingLink != null) {
      pendingLink.close(null);
    }
    ChatClientException closed =
        new ChatClientException(
            "closed",
            "The client was closed before the server answered; a send may or may not be stored");
    unanswered.failAll(closed, false);
    events.closed();
    threads.shutdown();
  }

  /** Closes the client because of {@code error}; every pending operation fails with it. */
  void fail(ChatClientException error, boolean notify) {
    if (connection.enter(Phase.CLOSED) == Phase.CLOSED) {
      return;
    }
    Link link = connection.current();
    connection.current(null);
    heartbeats.stop();
    if (link != null) {
      link.close(error);
    }
    Link pendingLink = handshake.link();
    if (pendingLink != null) {
      pendingLink.close(error);
    }
    unanswered.failAll(error, true);
    if (notify) {
      events.failed(error);
    }
    threads.shutdown();
  }
}
