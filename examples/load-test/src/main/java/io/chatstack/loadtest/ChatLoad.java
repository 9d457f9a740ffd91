package io.chatstack.loadtest;

import io.chatstack.stomp.ErrorCodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A set of rooms, each with clients subscribed to it, driven by an open-loop schedule: message
 * {@code i} is due at {@code start + i / rate} and is sent then (or at once when the sender thread
 * is late), never waiting for replies; its content carries the due time, from which latency is
 * measured (see {@link LatencyRecorder}).
 *
 * <p>Where the target has an error queue ({@link RoomSetup#errorQueue()}), every sending client
 * subscribes to it: a refused send is then counted by its code ({@link #refusals()}, and in the
 * recorder of the run) and the client stays connected, as chatstack's own clients do.
 *
 * <p>Lifecycle: {@link #open} connects and subscribes everyone; {@link #run} may be called several
 * times (ramp steps); {@link #close()} disconnects. Not thread-safe: one thread drives it.
 */
public final class ChatLoad implements AutoCloseable {
  private static final int CONCURRENT_CONNECTS = 64;

  /** A room and its subscribed clients; the first {@code senders} clients send. */
  record Room(long id, List<StompClient> clients, int senders) {}

  private final List<Room> rooms = new ArrayList<>();
  private final AtomicLong errors = new AtomicLong();
  private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
  private final AtomicLong printedRefusals = new AtomicLong();
  private volatile LatencyRecorder recorder = new LatencyRecorder(0, 1);

  private ChatLoad() {}

  /**
   * Creates {@code roomCount} rooms with {@code clientsPerRoom} users each (named after {@code
   * prefix}), connects every user, subscribes it to its room; at most {@code sendersPerRoom} of
   * them send, and those subscribe to the error queue when the target has one.
   */
  public static ChatLoad open(
      HttpClient http,
      URI ws,
      RoomSetup setup,
      String prefix,
      int roomCount,
      int clientsPerRoom,
      int sendersPerRoom) {
    ChatLoad load = new ChatLoad();
    Semaphore permits = new Semaphore(CONCURRENT_CONNECTS);
    List<List<CompletableFuture<StompClient>>> pending = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    for (int r = 0; r < roomCount; r++) {
      List<String> users = new ArrayList<>();
      for (int c = 0; c < clientsPerRoom; c++) {
        users.add(prefix + "-r" + r + "-u" + c);
      }
      long roomId = setup.createRoom(prefix + "-room-" + r, users.get(0));
      setup.join(roomId, users.subList(1, users.size()));
      ids.add(roomId);
      List<CompletableFuture<StompClient>> clients = new ArrayList<>();
      for (String user : users) {
        permits.acquireUninterruptibly();
        CompletableFuture<StompClient> f =
            StompClient.connect(http, ws, user, load::onMessage, load::onRefusal, load::onError);
        f.whenComplete((c, e) -> permits.release());
        clients.add(f);
      }
      pending.add(clients);
    }
    for (int r = 0; r < roomCount; r++) {
      List<StompClient> clients = new ArrayList<>();
      for (CompletableFuture<StompClient> f : pending.get(r)) {
        try {
          clients.add(f.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
          load.rooms.add(new Room(ids.get(r), clients, 0));
          load.close();
          throw new IllegalStateException("connect failed: " + e, e);
        }
      }
      String topic = "/topic/chat/" + ids.get(r);
      for (int c = 0; c < clients.size(); c++) {
        if (setup.errorQueue() && c < sendersPerRoom) { // refusals go to the sender only
          clients.get(c).subscribeErrors();
        }
        clients.get(c).subscribe(topic, "sub-" + c);
      }
      load.rooms.add(new Room(ids.get(r), clients, Math.min(sendersPerRoom, clients.size())));
    }
    return load;
  }

  /** The id of the {@code index}-th room (0-based, in creation order). */
  long roomId(int index) {
    return rooms.get(index).id();
  }

  /** Total connections. */
  public int connections() {
    return rooms.stream().mapToInt(r -> r.clients().size()).sum();
  }

  /** The numbers of the latest {@link #run}'s window as recorded so far. */
  LatencyRecorder.Result result() {
    return recorder.result();
  }

  /** First and last delivery of each message of the latest {@link #run}'s window. */
  public LatencyRecorder.Spread spread() {
    return recorder.spread();
  }

  /** Sends refused with an application error during the latest {@link #run}, by code (sorted). */
  public Map<String, Long> refusals() {
    Map<String, Long> out = new TreeMap<>();
    refusals.forEach((code, n) -> out.put(code, n.sum()));
    return out;
  }

  /** ERROR frames received so far. */
  public long errors() {
    return errors.get();
  }

  /** Connections closed (by the server or a failure) so far. */
  public long closedConnections() {
    return rooms.stream().flatMap(r -> r.clients().stream()).filter(StompClient::isClosed).count();
  }

  /**
   * Sends {@code rate} messages per second for {@code warmup} plus {@code measure}, spread
   * round-robin over rooms and their senders; waits at most {@code drain} after the last one for
   * deliveries; returns the numbers of the measured part.
   */
  public LatencyRecorder.Result run(
      double rate, Duration warmup, Duration measure, Duration drain) {
    return run(rate, warmup, measure, drain, () -> {});
  }

  /**
   * {@link #run(double, Duration, Duration, Duration)}, calling {@code atMeasureStart} on this
   * thread just before the first message of the measured window is sent.
   */
  public LatencyRecorder.Result run(
      double rate, Duration warmup, Duration measure, Duration drain, Runnable atMeasureStart) {
    long start = System.nanoTime() + 20_000_000L;
    boolean measuring = false;
    long measureStart = start + warmup.toNanos();
    long measureEnd = measureStart + measure.toNanos();
    LatencyRecorder rec = new LatencyRecorder(measureStart, measureEnd);
    recorder = rec;
    refusals.clear();
    for (long i = 0; ; i++) {
      long intended = start + (long) (i * 1e9 / rate);
      if (intended - measureEnd >= 0) {
        break;
      }
      parkUntil(intended);
      if (!measuring && intended - measureStart >= 0) {
        measuring = true;
        atMeasureStart.run();
      }
      Room room = rooms.get((int) (i % rooms.size()));
      if (room.senders() == 0) {
        continue;
      }
      StompClient sender = room.clients().get((int) ((i / rooms.size()) % room.senders()));
      rec.expect(intended, room.clients().size());
      sender.sendJson(
          "/app/chat/send/" + room.id(),
          MessageContent.sendBody(MessageContent.content(intended, i)));
    }
    long deadline = System.nanoTime() + drain.toNanos();
    while (rec.received() < rec.expected() && System.nanoTime() - deadline < 0) {
      LockSupport.parkNanos(10_000_000L);
    }
    return rec.result();
  }

  /** Parks the calling thread until {@link System#nanoTime()} reaches {@code nanoTime}. */
  static void parkUntil(long nanoTime) {
    long wait;
    while ((wait = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  private void onMessage(byte[] body) {
    long now = System.nanoTime();
    long intended = MessageContent.intendedNanos(body);
    if (intended != Long.MIN_VALUE) {
      recorder.record(intended, now);
    }
  }

  private void onRefusal(byte[] body) {
    String code = errorCode(body);
    if (ErrorCodes.SUBSCRIPTION_REVOKED.equals(code)) {
      // Not a refused send: a subscription ended by a leave or ban (the load never leaves rooms).
      System.err.println("subscription revoked: " + new String(body, StandardCharsets.UTF_8));
      return;
    }
    recorder.refused();
    LongAdder count = refusals.computeIfAbsent(code, c -> new LongAdder());
    count.increment();
    if (printedRefusals.incrementAndGet() <= 5) {
      System.err.println("refused: " + new String(body, StandardCharsets.UTF_8));
    }
  }

  /** The {@code code} of an application error's JSON body; {@code unknown} without one. */
  static String errorCode(byte[] json) {
    String code = MessageContent.stringField(json, "code");
    return code == null ? "unknown" : code;
  }

  private void onError(String reason) {
    if (errors.incrementAndGet() <= 5) {
      System.err.println("STOMP ERROR: " + reason.strip());
    }
  }

  /** Disconnects everyone; waits up to 10 s for the server to close, then aborts the rest. */
  @Override
  public void close() {
    List<StompClient> all = new ArrayList<>();
    rooms.forEach(r -> all.addAll(r.clients()));
    rooms.clear();
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
