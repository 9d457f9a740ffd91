package io.chatstack.client.internal;

import io.chatstack.client.ChatClientException;
import io.chatstack.client.internal.ClientCore.State;
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

  private final ClientCore core;
  private volatile Link handshaking;
  private volatile CompletableFuture<StompFrame> connected = new CompletableFuture<>();
  private final HeartbeatTimer heartbeats;

  /** Index in {@code config.uris()} of the server last connected to. */
  private volatile int serverIndex;

  Connector(ClientCore core) {
    this.core = core;
    this.heartbeats = new HeartbeatTimer(core.threads.io());
  }

  void connectFirst() {
    if (!core.state.compareAndSet(State.NEW, State.CONNECTING)) {
      throw new IllegalStateException("connect() may be called once per client");
    }
    List<URI> uris = core.config.uris();
    for (int i = 0; ; i++) {
      try {
        handshake(i);
        return;
      } catch (ChatClientException e) {
        // an unreachable server: try the next one; anything else is final
        if (fatal(e) || i == uris.size() - 1 || core.state.get() == State.CLOSED) {
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
  private void handshake(int index) {
    URI uri = core.config.uris().get(index);
    CompletableFuture<StompFrame> answer = new CompletableFuture<>();
    connected = answer;
    Link link = Link.open(core.threads.container(), uri, core.codec, core.inbound);
    handshaking = link;
    if (link.isClosed()) {
      answer.completeExceptionally(
          new ChatClientException("connection-lost", "The connection closed during handshake"));
    }
    try {
      link.write(connectFrame(uri));
      StompFrame frame = Requests.await(answer, core.config.requestTimeout(), "CONNECT");
      core.userName = frame.header("user-name").orElse(core.config.login().orElse(""));
      Heartbeat heartbeat =
          Heartbeat.negotiate(
              core.config.heartbeat().toMillis(), frame.header("heart-beat").orElse(null));
      synchronized (core.writeLock) {
        if (core.state.get() == State.CLOSED) {
          throw new ChatClientException("closed", "The client was closed while connecting");
        }
        link.write(
            StompFrame.of(
                "SUBSCRIBE",
                Map.of("id", ERRORS_SUBSCRIPTION, "destination", "/user/queue/errors")));
        for (RoomSub sub : core.subscriptionsInOrder()) {
          link.write(core.subscribeFrame(sub));
          sub.link = link;
        }
        for (PendingSend send : core.sends.values()) {
          link.write(send.frameText());
        }
        core.current = link;
        serverIndex = index;
        State before = core.state.get();
        if (before == State.CLOSED || !core.state.compareAndSet(before, State.CONNECTED)) {
          core.current = null;
          throw new ChatClientException("closed", "The client was closed while connecting");
        }
        handshaking = null;
      }
      heartbeats.start(link, heartbeat);
      core.emitConnection(l -> l.onConnected(core.client));
    } catch (IOException e) {
      link.close(null);
      throw new ChatClientException(
          "connection-lost", "The connection broke during the handshake: " + e.getMessage(), e);
    } catch (ChatClientException e) {
      link.close(null);
      throw e;
    } finally {
      handshaking = null;
    }
  }

  private StompFrame connectFrame(URI uri) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("accept-version", "1.2");
    headers.put("host", uri.getHost());
    long hb = core.config.heartbeat().toMillis();
    headers.put("heart-beat", hb + "," + hb);
    core.config.login().ifPresent(login -> headers.put("login", login));
    core.config.token().ifPresent(token -> headers.put("Authorization", "Bearer " + token));
    return StompFrame.of("CONNECT", headers);
  }

  /** The server sent CONNECTED or, during the handshake, ERROR. Inbound thread. */
  void onConnected(Link link, StompFrame frame) {
    if (link == handshaking) {
      connected.complete(frame);
    }
  }

  /** A link closed (by either side). Inbound or io thread. */
  void onLinkClosed(Link link, ChatClientException cause) {
    if (link == handshaking) {
      connected.completeExceptionally(
          cause != null ? cause : new ChatClientException("connection-lost", "Connection closed"));
      return;
    }
    if (core.current != link) {
      return; // a link we already replaced or gave up
    }
    core.current = null;
    heartbeats.stop();
    ChatClientException lost =
        cause != null ? cause : new ChatClientException("connection-lost", "Connection closed");
    Unanswered.failWaiters(core, lost);
    if (fatal(lost)) {
      fail(lost, true);
      return;
    }
    if (!core.state.compareAndSet(State.CONNECTED, State.RECONNECTING)) {
      return;
    }
    core.emitConnection(l -> l.onDisconnected(core.client, lost));
    scheduleReconnect(1, lost);
  }

  private void scheduleReconnect(int attempt, ChatClientException last) {
    if (!core.config.reconnect().allows(attempt)) {
      fail(
          new ChatClientException(
              "reconnect-failed",
              "Lost the connection to "
                  + core.config.servers()
                  + (core.config.reconnect().maxAttempts() < 0
                      ? " and reconnecting is disabled (ReconnectPolicy.NONE)"
                      : " and gave up after " + (attempt - 1) + " reconnect attempts")
                  + "; last error: "
                  + last.getMessage(),
              last),
          true);
      return;
    }
    Duration delay = core.config.reconnect().delay(attempt);
    core.emitConnection(l -> l.onReconnecting(core.client, attempt, delay));
    try {
      core.threads.io().schedule(() -> reconnect(attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  /**
   * Attempt 1 goes back to the server last connected to (most outages are short), each later
   * attempt to the next server in the list, round robin.
   */
  private void reconnect(int attempt) {
    if (core.state.get() != State.RECONNECTING) {
      return;
    }
    int servers = core.config.uris().size();
    try {
      handshake((serverIndex + attempt - 1) % servers);
    } catch (ChatClientException e) {
      if (fatal(e)) {
        fail(e, true);
      } else if (core.state.get() == State.RECONNECTING) {
        scheduleReconnect(attempt + 1, e);
      }
    }
  }

  static boolean fatal(ChatClientException e) {
    return e.code().equals("malformed-frame") || e.code().equals("server-error");
  }

  /** DISCONNECT with receipt, then close; pending sends fail with {@code closed}. */
  void closeGracefully() {
    State previous = core.state.getAndSet(State.CLOSED);
    if (previous == State.CLOSED) {
      return;
    }
    Link link = core.current;
    core.current = null;
    heartbeats.stop();
    if (link != null) {
      CompletableFuture<StompFrame> receipt = new CompletableFuture<>();
      core.waiters.put("disconnect", receipt);
      try {
        link.write(StompFrame.of("DISCONNECT", Map.of("receipt", "disconnect")));
        Requests.await(receipt, DISCONNECT_WAIT, "DISCONNECT");
      } catch (IOException | ChatClientException e) {
        // closing anyway
      }
      link.close(null);
    }
    Link pendingLink = handshaking;
    if (pendingLink != null) {
      pendingLink.close(null);
    }
    ChatClientException closed =
        new ChatClientException(
            "closed",
            "The client was closed before the server answered; a send may or may not be stored");
    Unanswered.failAll(core, closed, false);
    core.emitConnection(l -> l.onClosed(core.client));
    core.threads.shutdown();
  }

  /** Closes the client because of {@code error}; every pending operation fails with it. */
  void fail(ChatClientException error, boolean notify) {
    if (core.state.getAndSet(State.CLOSED) == State.CLOSED) {
      return;
    }
    Link link = core.current;
    core.current = null;
    heartbeats.stop();
    if (link != null) {
      link.close(error);
    }
    Link pendingLink = handshaking;
    if (pendingLink != null) {
      pendingLink.close(error);
    }
    Unanswered.failAll(core, error, true);
    if (notify) {
      core.emitConnection(l -> l.onFailure(core.client, error));
    }
    core.threads.shutdown();
  }
}
