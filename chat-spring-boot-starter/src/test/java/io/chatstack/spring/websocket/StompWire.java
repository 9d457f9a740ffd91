package io.chatstack.spring.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.stomp.Command;
import io.chatstack.stomp.FrameLimits;
import io.chatstack.stomp.FrameReader;
import io.chatstack.stomp.FrameWriter;
import io.chatstack.stomp.StompFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A raw STOMP-over-WebSocket test client on the JDK's WebSocket: writes and reads frames with
 * chat-stomp's writer and reader, sends them as text, records every frame received, and whether the
 * server closed. Thread-safe.
 */
final class StompWire implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(20);

  /** A received frame. */
  record Frame(String command, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name);
    }
  }

  private static final FrameWriter WRITER = new FrameWriter();

  private final List<Frame> frames = new CopyOnWriteArrayList<>();
  private final FrameReader reader = FrameReader.forClient(FrameLimits.DEFAULTS);
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
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], headers[i + 1]);
    }
    return WRITER.encode(Command.valueOf(command), map, body.getBytes(StandardCharsets.UTF_8));
  }

  void send(String frame) {
    socket.sendText(frame, true).join();
  }

  /** Sends the frame as a binary WebSocket message (UTF-8), as STOMP allows. */
  void sendBinary(String frame) {
    socket
        .sendBinary(java.nio.ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8)), true)
        .join();
  }

  Frame await(Predicate<Frame> match) {
    return Awaitility.await()
        .pollInterval(Duration.ofMillis(5))
        .atMost(WAIT)
        .until(() -> frames.stream().filter(match).findFirst(), o -> o.isPresent())
        .get();
  }

  /**
   * The RECEIPT of {@code id}; fails at once when an ERROR frame (which ends the connection) comes
   * first, with that frame in the message.
   */
  Frame awaitReceipt(String id) {
    Frame answer =
        await(
            f ->
                f.command().equals("ERROR")
                    || (f.command().equals("RECEIPT") && id.equals(f.header("receipt-id"))));
    assertThat(answer.command()).as("answer to receipt %s: %s", id, answer).isEqualTo("RECEIPT");
    return answer;
  }

  /** Whether the server closed the connection (or it failed). */
  boolean closed() {
    return closed;
  }

  void awaitClosed() {
    Awaitility.await().pollInterval(Duration.ofMillis(5)).atMost(WAIT).until(() -> closed);
  }

  List<Frame> frames() {
    return List.copyOf(frames);
  }

  private synchronized void receive(CharSequence data) {
    for (StompFrame frame : reader.read(data.toString())) {
      frames.add(new Frame(frame.command().name(), frame.headers(), frame.text()));
    }
  }

  @Override
  public void close() {
    if (!closed) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
  }
}
