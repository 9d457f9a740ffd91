package io.chatstack.spring.websocket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A raw STOMP-over-WebSocket test client on the JDK's WebSocket: sends frames as text, records
 * every frame received, and whether the server closed. Thread-safe.
 */
final class StompWire implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(20);

  /** A received frame. */
  record Frame(String command, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name);
    }
  }

  private final List<Frame> frames = new CopyOnWriteArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  private final WebSocket socket;
  private volatile boolean closed;

  private StompWire(URI uri, Map<String, String> handshakeHeaders) throws Exception {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    handshakeHeaders.forEach(builder::header);
    socket =
        builder
            .buildAsync(
                uri,
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    receive(data);
                    ws.request(1);
                    return null;
                  }

                  @Override
                  public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                    closed = true;
                    return null;
                  }

                  @Override
                  public void onError(WebSocket ws, Throwable error) {
                    closed = true;
                  }
                })
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  static StompWire open(URI uri, Map<String, String> handshakeHeaders) throws Exception {
    return new StompWire(uri, handshakeHeaders);
  }

  /** A client frame: command, body, then header name/value pairs. */
  static String frame(String command, String body, String... headers) {
    StringBuilder sb = new StringBuilder(command).append('\n');
    for (int i = 0; i < headers.length; i += 2) {
      sb.append(headers[i]).append(':').append(headers[i + 1]).append('\n');
    }
    return sb.append('\n').append(body).append('\0').toString();
  }

  void send(String frame) {
    socket.sendText(frame, true).join();
  }

  Frame await(Predicate<Frame> match) {
    return Awaitility.await()
        .pollInterval(Duration.ofMillis(5))
        .atMost(WAIT)
        .until(() -> frames.stream().filter(match).findFirst(), o -> o.isPresent())
        .get();
  }

  Frame awaitReceipt(String id) {
    return await(f -> f.command().equals("RECEIPT") && id.equals(f.header("receipt-id")));
  }

  void awaitClosed() {
    Awaitility.await().pollInterval(Duration.ofMillis(5)).atMost(WAIT).until(() -> closed);
  }

  List<Frame> frames() {
    return List.copyOf(frames);
  }

  private synchronized void receive(CharSequence data) {
    partial.append(data);
    int end;
    while ((end = partial.indexOf("\0")) >= 0) {
      String text = partial.substring(0, end);
      partial.delete(0, end + 1);
      while (text.startsWith("\n") || text.startsWith("\r")) {
        text = text.substring(1);
      }
      if (!text.isEmpty()) {
        frames.add(parse(text));
      }
    }
    // heart-beats (bare EOLs) between frames
    while (partial.length() > 0 && (partial.charAt(0) == '\n' || partial.charAt(0) == '\r')) {
      partial.deleteCharAt(0);
    }
  }

  private static Frame parse(String text) {
    int blank = text.indexOf("\n\n");
    String head = blank < 0 ? text : text.substring(0, blank);
    String body = blank < 0 ? "" : text.substring(blank + 2);
    List<String> lines = new ArrayList<>(List.of(head.split("\n")));
    String command = lines.remove(0);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(line.substring(0, colon), line.substring(colon + 1));
      }
    }
    return new Frame(command, headers, body);
  }

  @Override
  public void close() {
    if (!closed) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
  }
}
