package io.chatstack.failure;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.json.ChatJson;
import io.chatstack.stomp.Command;
import io.chatstack.stomp.FrameLimits;
import io.chatstack.stomp.FrameReader;
import io.chatstack.stomp.FrameWriter;
import io.chatstack.stomp.HeaderNames;
import io.chatstack.stomp.StompFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A light STOMP subscriber on the JDK's WebSocket (many share one {@link HttpClient}), for the
 * reconnect storm and the slow consumer, where thousands of {@code ChatClient}s (threads and a
 * Tyrus container each) would measure the harness instead of the server. It subscribes to one room
 * with {@code since-seq}; when the connection drops it reconnects to the next URL in turn and
 * resumes after the last seq it received. Framing by chat-stomp's FrameWriter and FrameReader. With
 * {@link #pause()} it stops reading from the socket (no more WebSocket demand), like a client that
 * hangs. Thread-safe.
 */
final class RawStompClient {
  private static final FrameWriter WRITER = new FrameWriter();

  private final HttpClient http;
  private final List<URI> urls;
  private final String login;
  private final long roomId;
  private final Ledger.Subscriber subscriber;
  private final ScheduledExecutorService scheduler;
  private final AtomicInteger connects = new AtomicInteger();
  private volatile int urlIndex;
  private volatile WebSocket socket;
  private volatile boolean subscribed;
  private volatile boolean paused;
  private volatile boolean closed;
  private volatile boolean reconnect = true;
  private volatile String error;
  private volatile String phase = "new";
  private CompletableFuture<?> sending = CompletableFuture.completedFuture(null); // guarded by this
  final CompletableFuture<Void> ended = new CompletableFuture<>();

  RawStompClient(
      HttpClient http,
      List<URI> urls,
      String login,
      long roomId,
      Ledger.Subscriber subscriber,
      ScheduledExecutorService scheduler) {
    this.http = http;
    this.urls = List.copyOf(urls);
    this.login = login;
    this.roomId = roomId;
    this.subscriber = subscriber;
    this.scheduler = scheduler;
  }

  /** Whether the client reconnects after a lost connection (default true). */
  RawStompClient reconnect(boolean value) {
    reconnect = value;
    return this;
  }

  /** Opens the connection; the future completes once the subscription's RECEIPT arrived. */
  CompletableFuture<Void> connect() {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    open(ready);
    return ready;
  }

  private void open(CompletableFuture<Void> ready) {
    if (closed) {
      return;
    }
    URI uri = urls.get(urlIndex % urls.size());
    subscribed = false;
    connects.incrementAndGet();
    phase = "opening";
    synchronized (this) {
      sending = CompletableFuture.completedFuture(null); // a new socket: nothing in flight on it
    }
    http.newWebSocketBuilder()
        .buildAsync(uri, new Listener(ready))
        .whenComplete(
            (ws, failure) -> {
              if (failure != null) {
                lost(ready);
              } else {
                socket = ws;
                phase = "CONNECT sent";
                send(
                    ws,
                    Command.CONNECT,
                    Map.of(
                        HeaderNames.ACCEPT_VERSION,
                        "1.2",
                        HeaderNames.HOST,
                        uri.getHost(),
                        HeaderNames.LOGIN,
                        login,
                        HeaderNames.HEART_BEAT,
                        "0,0"));
              }
            });
  }

  private void lost(CompletableFuture<Void> ready) {
    subscribed = false;
    phase = "lost";
    if (closed || !reconnect) {
      ended.complete(null);
      return;
    }
    urlIndex++;
    long delay = 50 + ThreadLocalRandom.current().nextLong(450); // jitter: no lockstep storm
    scheduler.schedule(() -> open(ready), delay, TimeUnit.MILLISECONDS);
  }

  boolean isSubscribed() {
    return subscribed;
  }

  /** Connections opened so far (1 + reconnects). */
  int connects() {
    return connects.get();
  }

  /** Where the client is: opening, CONNECT sent, SUBSCRIBE sent, subscribed, or lost. */
  String phase() {
    return phase;
  }

  /** The ERROR frame's message, if the server sent one. */
  String error() {
    return error;
  }

  /**
   * Diagnosis of a client stuck before its RECEIPT: asks the server for a receipt of an UNSUBSCRIBE
   * of its subscription (the phase then says "probe answered" if the server registered the
   * subscription and still writes to this client, "ERROR" if it did not register it).
   */
  void probe() {
    WebSocket ws = socket;
    if (ws != null) {
      send(ws, Command.UNSUBSCRIBE, Map.of(HeaderNames.ID, "room", HeaderNames.RECEIPT, "probe"));
    }
  }

  /** Stops reading: the server's writes to this client back up. */
  void pause() {
    paused = true;
  }

  /** Reads again (everything buffered, then onwards). */
  void resume() {
    paused = false;
    WebSocket ws = socket;
    if (ws != null) {
      ws.request(Long.MAX_VALUE);
    }
  }

  void close() {
    closed = true;
    WebSocket ws = socket;
    if (ws != null) {
      ws.abort();
    }
  }

  /**
   * Sends one frame after the previous send of this client completed. The JDK's WebSocket allows
   * one send in flight and fails another with IllegalStateException in the returned future (the
   * frame is not sent). CONNECTED can arrive before the CONNECT's send has completed, so sending
   * SUBSCRIBE on its arrival lost the SUBSCRIBE now and then (a client that never subscribed).
   */
  private synchronized void send(WebSocket ws, Command command, Map<String, String> headers) {
    String text = WRITER.write(StompFrame.of(command, headers));
    sending =
        sending
            .handle((done, failure) -> null)
            .thenCompose(previous -> ws.sendText(text, true))
            .whenComplete(
                (done, failure) -> {
                  if (failure != null && !closed) {
                    phase = phase + ", " + command + " not sent: " + failure;
                  }
                });
  }

  private void onFrame(WebSocket ws, StompFrame frame, CompletableFuture<Void> ready) {
    switch (frame.command()) {
      case CONNECTED -> {
        phase = "SUBSCRIBE sent";
        send(
            ws,
            Command.SUBSCRIBE,
            Map.of(
                HeaderNames.ID,
                "room",
                HeaderNames.DESTINATION,
                "/topic/chat/" + roomId,
                HeaderNames.SINCE_SEQ,
                Long.toString(subscriber.lastSeq()),
                HeaderNames.RECEIPT,
                "subscribed"));
      }
      case RECEIPT -> {
        if ("probe".equals(frame.headerOrNull(HeaderNames.RECEIPT_ID))) {
          phase = phase + ", probe answered";
          return;
        }
        phase = "subscribed";
        subscribed = true;
        ready.complete(null);
      }
      case MESSAGE -> {
        long seq = Long.parseLong(frame.required(HeaderNames.SEQ));
        String id = frame.headerOrNull(HeaderNames.MESSAGE_ID);
        String clientMsgId = null;
        long latency = -1;
        try {
          JsonNode json = ChatJson.mapper().readTree(frame.body());
          clientMsgId = json.path("clientMsgId").asText(null);
          latency =
              System.currentTimeMillis()
                  - java.time.Instant.parse(json.path("timestamp").asText()).toEpochMilli();
        } catch (java.io.IOException | RuntimeException e) {
          // recorded without them; the checker will tell
        }
        subscriber.record(id, seq, clientMsgId, Math.max(0, latency));
      }
      case ERROR -> {
        error = frame.header(HeaderNames.MESSAGE).orElseGet(frame::text);
        phase = phase + ", ERROR";
      }
      default -> {}
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final CompletableFuture<Void> ready;
    private final FrameReader reader = FrameReader.forClient(FrameLimits.frameSizeOnly(16 << 20));
    private final StringBuilder partial = new StringBuilder();

    Listener(CompletableFuture<Void> ready) {
      this.ready = ready;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      List<StompFrame> frames;
      partial.append(data);
      if (!last) {
        ws.request(1);
        return null;
      }
      String text = partial.toString();
      partial.setLength(0);
      frames = reader.read(text);
      for (StompFrame frame : frames) {
        onFrame(ws, frame, ready);
      }
      if (!paused) {
        ws.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      lost(ready);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      lost(ready);
    }
  }
}
