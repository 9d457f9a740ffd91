package io.chatstack.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Presence and typing traffic in one room, beside a {@link ChatLoad}: watchers subscribed to the
 * room's presence and typing topics (counting what they receive), typers sending {@code
 * {"typing":true}} at a fixed interval each, and connection churn: pool users connecting at a fixed
 * rate, each staying connected for a while, so that the server publishes online and offline events.
 *
 * <p>Lifecycle: {@link #open} connects watchers and typers; {@link #start} begins typing and churn;
 * {@link #close()} stops both and disconnects everyone. Counters are thread-safe; one thread drives
 * the lifecycle.
 */
final class SignalLoad implements AutoCloseable {
  private final HttpClient http;
  private final URI ws;
  private final long roomId;
  private final List<StompClient> watchers = new ArrayList<>();
  private final List<StompClient> typers = new ArrayList<>();
  private final List<String> churnPool;
  private final List<StompClient> churned = new ArrayList<>();
  private final ScheduledExecutorService ticks =
      Executors.newScheduledThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "signal-load");
            t.setDaemon(true);
            return t;
          });
  private final AtomicLong typingEvents = new AtomicLong();
  private final AtomicLong presenceEvents = new AtomicLong();
  private final AtomicLong typingSends = new AtomicLong();
  private final AtomicLong connects = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();

  private SignalLoad(HttpClient http, URI ws, long roomId, List<String> churnPool) {
    this.http = http;
    this.ws = ws;
    this.roomId = roomId;
    this.churnPool = List.copyOf(churnPool);
  }

  /**
   * Connects {@code watcherUsers} (each subscribes to the room's presence and typing topics) and
   * {@code typerUsers}; all must be participants of the room, as must {@code churnPool}.
   */
  static SignalLoad open(
      HttpClient http,
      URI ws,
      long roomId,
      List<String> watcherUsers,
      List<String> typerUsers,
      List<String> churnPool) {
    SignalLoad load = new SignalLoad(http, ws, roomId, churnPool);
    try {
      for (StompClient w : load.connectAll(watcherUsers, load::onSignal)) {
        w.subscribe("/topic/chat/" + roomId + "/presence", "presence");
        w.subscribe("/topic/chat/" + roomId + "/typing", "typing");
        load.watchers.add(w);
      }
      load.typers.addAll(load.connectAll(typerUsers, body -> {}));
    } catch (RuntimeException e) {
      load.close();
      throw e;
    }
    return load;
  }

  /**
   * Every typer sends {@code {"typing":true}} every {@code typingIntervalMillis} (spread evenly
   * over the interval); {@code connectsPerSecond} pool users connect (round-robin over the pool),
   * each disconnecting after {@code stayMillis}.
   */
  void start(long typingIntervalMillis, double connectsPerSecond, long stayMillis) {
    if (!typers.isEmpty()) {
      long spacingMicros = typingIntervalMillis * 1000 / typers.size();
      AtomicLong next = new AtomicLong();
      ticks.scheduleAtFixedRate(
          () -> {
            StompClient typer = typers.get((int) (next.getAndIncrement() % typers.size()));
            typer.sendJson("/app/chat/typing/" + roomId, "{\"typing\":true}");
            typingSends.incrementAndGet();
          },
          0,
          Math.max(1, spacingMicros),
          TimeUnit.MICROSECONDS);
    }
    if (!churnPool.isEmpty() && connectsPerSecond > 0) {
      AtomicLong next = new AtomicLong();
      ticks.scheduleAtFixedRate(
          () ->
              churnOnce(
                  churnPool.get((int) (next.getAndIncrement() % churnPool.size())), stayMillis),
          0,
          Math.round(1_000_000 / connectsPerSecond),
          TimeUnit.MICROSECONDS);
    }
  }

  private void churnOnce(String user, long stayMillis) {
    StompClient.connect(http, ws, user, body -> {}, this::onError)
        .whenComplete(
            (client, e) -> {
              if (e != null) {
                errors.incrementAndGet();
                return;
              }
              connects.incrementAndGet();
              synchronized (churned) {
                churned.add(client);
              }
              try {
                ticks.schedule(
                    () -> {
                      client.close();
                      synchronized (churned) {
                        churned.remove(client);
                      }
                    },
                    stayMillis,
                    TimeUnit.MILLISECONDS);
              } catch (RejectedExecutionException closed) {
                client.close();
              }
            });
  }

  /** Typing events (true or false) the watchers received in all. */
  long typingEvents() {
    return typingEvents.get();
  }

  /** Presence events (snapshots, online, offline) the watchers received in all. */
  long presenceEvents() {
    return presenceEvents.get();
  }

  /** {@code {"typing":true}} SENDs so far. */
  long typingSends() {
    return typingSends.get();
  }

  /** Churn connections opened so far. */
  long connects() {
    return connects.get();
  }

  /** ERROR frames and failed connects so far. */
  long errors() {
    return errors.get();
  }

  private List<StompClient> connectAll(
      List<String> users, java.util.function.Consumer<byte[]> onMessage) {
    List<CompletableFuture<StompClient>> pending = new ArrayList<>();
    for (String user : users) {
      pending.add(StompClient.connect(http, ws, user, onMessage, this::onError));
    }
    List<StompClient> clients = new ArrayList<>();
    for (CompletableFuture<StompClient> f : pending) {
      clients.add(f.orTimeout(60, TimeUnit.SECONDS).join());
    }
    return clients;
  }

  private void onSignal(byte[] body) {
    String json = new String(body, StandardCharsets.UTF_8);
    if (json.contains("\"typing\"")) {
      typingEvents.incrementAndGet();
    } else if (json.contains("\"type\"")) {
      presenceEvents.incrementAndGet();
    }
  }

  private void onError(String reason) {
    if (errors.incrementAndGet() <= 5) {
      System.err.println("STOMP ERROR (signals): " + reason.strip());
    }
  }

  /** Stops typing and churn; disconnects everyone. */
  @Override
  public void close() {
    ticks.shutdownNow();
    List<StompClient> all = new ArrayList<>(watchers);
    all.addAll(typers);
    synchronized (churned) {
      all.addAll(churned);
      churned.clear();
    }
    all.forEach(StompClient::close);
    try {
      CompletableFuture.allOf(all.stream().map(StompClient::gone).toArray(CompletableFuture[]::new))
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // some did not close in time
    }
    all.forEach(StompClient::abort);
  }
}
