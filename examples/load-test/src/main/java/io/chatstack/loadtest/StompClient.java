package io.chatstack.loadtest;

import io.chatstack.stomp.Command;
import io.chatstack.stomp.FrameLimits;
import io.chatstack.stomp.FrameReader;
import io.chatstack.stomp.HeaderNames;
import io.chatstack.stomp.StompDestinations;
import io.chatstack.stomp.StompFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One STOMP 1.2 connection over a raw WebSocket ({@code java.net.http}); frames are read by
 * chat-stomp's {@link FrameReader}. MESSAGE bodies go to the {@code onMessage} callback, those of
 * the subscription {@value #ERRORS_ID} (chatstack's error queue, see {@link #subscribeErrors}) to
 * {@code onRefusal}; both run on the HTTP client's executor threads (one at a time per connection).
 *
 * <p>Thread-safe: {@link #send} may be called from any thread; sends are queued because a WebSocket
 * allows one outstanding send at a time.
 */
public final class StompClient implements WebSocket.Listener {
  /** Subscription id of the error queue. */
  static final String ERRORS_ID = "errors";

  private final Consumer<byte[]> onMessage;
  private final Consumer<byte[]> onRefusal;
  private final Consumer<String> onError;
  private final FrameReader reader = FrameReader.forClient(FrameLimits.frameSizeOnly(1 << 20));
  private final StringBuilder text = new StringBuilder();
  private final CompletableFuture<StompClient> connected = new CompletableFuture<>();
  private final CompletableFuture<Void> gone = new CompletableFuture<>();
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private boolean sending;
  private volatile WebSocket socket;
  private volatile boolean closed;
  private volatile boolean closing;

  private StompClient(
      Consumer<byte[]> onMessage, Consumer<byte[]> onRefusal, Consumer<String> onError) {
    this.onMessage = onMessage;
    this.onRefusal = onRefusal;
    this.onError = onError;
  }

  /**
   * Opens a WebSocket to {@code uri} and sends CONNECT as {@code login}; completes when the server
   * answered CONNECTED.
   */
  public static CompletableFuture<StompClient> connect(
      HttpClient http,
      URI uri,
      String login,
      Consumer<byte[]> onMessage,
      Consumer<String> onError) {
    return connect(http, uri, login, onMessage, body -> {}, onError);
  }

  /**
   * {@link #connect(HttpClient, URI, String, Consumer, Consumer)}, with the bodies of the error
   * queue's messages going to {@code onRefusal}.
   */
  public static CompletableFuture<StompClient> connect(
      HttpClient http,
      URI uri,
      String login,
      Consumer<byte[]> onMessage,
      Consumer<byte[]> onRefusal,
      Consumer<String> onError) {
    StompClient client = new StompClient(onMessage, onRefusal, onError);
    http.newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(30))
        .buildAsync(uri, client)
        .whenComplete(
            (ws, e) -> {
              if (e != null) {
                client.connected.completeExceptionally(e);
              } else {
                client.socket = ws;
                client.send(StompFrames.connect(login, uri.getHost()));
              }
            });
    // A server that accepts the TCP connection but never answers must not hold the caller forever.
    return client
        .connected
        .orTimeout(30, TimeUnit.SECONDS)
        .whenComplete(
            (c, e) -> {
              if (e != null) {
                client.abort();
              }
            });
  }

  /** Subscribes to {@code destination}. */
  public void subscribe(String destination, String id) {
    send(StompFrames.subscribe(destination, id));
  }

  /**
   * Subscribes to chatstack's error queue ({@code /user/queue/errors}): a refused SEND then comes
   * as a MESSAGE with the refusal's code instead of an ERROR frame that closes the connection, as
   * for chatstack's own clients.
   */
  public void subscribeErrors() {
    subscribe(StompDestinations.DEFAULTS.errors(), ERRORS_ID);
  }

  /** Sends a JSON body to {@code destination}. */
  public void sendJson(String destination, String json) {
    send(StompFrames.send(destination, json));
  }

  /** Whether the connection was closed by either side. */
  public boolean isClosed() {
    return closed;
  }

  /** Completes when the WebSocket is closed by either side or failed. */
  public CompletableFuture<Void> gone() {
    return gone;
  }

  /** Sends DISCONNECT and closes the WebSocket; does not wait (see {@link #gone()}). */
  public void close() {
    if (!closed && socket != null) {
      closing = true;
      send(StompFrames.disconnect()); // the WebSocket close follows once the queue is empty
    } else {
      gone.complete(null);
    }
    closed = true;
  }

  /** Closes the TCP connection at once. */
  public void abort() {
    closed = true;
    gone.complete(null);
    if (socket != null) {
      socket.abort();
    }
  }

  private void send(String frame) {
    synchronized (queue) {
      if (sending) {
        queue.add(frame);
        return;
      }
      sending = true;
    }
    write(frame);
  }

  private void write(String frame) {
    socket
        .sendText(frame, true)
        .whenComplete(
            (ws, e) -> {
              if (e != null) {
                closed = true;
                gone.complete(null);
                synchronized (queue) {
                  queue.clear();
                  sending = false;
                }
                return;
              }
              String next;
              synchronized (queue) {
                next = queue.poll();
                if (next == null) {
                  sending = false;
                }
              }
              if (next == null) {
                if (closing) {
                  ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(x -> null);
                }
                return;
              }
              write(next);
            });
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    text.append(data);
    if (last) {
      String whole = text.toString();
      text.setLength(0);
      handle(reader.read(whole));
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    handle(reader.read(data));
    webSocket.request(1);
    return null;
  }

  private void handle(List<StompFrame> frames) {
    for (StompFrame frame : frames) {
      Command command = frame.command();
      if (command == Command.MESSAGE) {
        if (ERRORS_ID.equals(frame.headerOrNull(HeaderNames.SUBSCRIPTION))) {
          onRefusal.accept(frame.body());
        } else {
          onMessage.accept(frame.body());
        }
      } else if (command == Command.CONNECTED) {
        connected.complete(this);
      } else if (command == Command.ERROR) {
        String reason = frame.headerOrNull(HeaderNames.MESSAGE) + " " + frame.text();
        connected.completeExceptionally(new IllegalStateException("STOMP ERROR: " + reason));
        onError.accept(reason);
      }
    }
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed = true;
    gone.complete(null);
    connected.completeExceptionally(
        new IllegalStateException("closed by server: " + statusCode + " " + reason));
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed = true;
    gone.complete(null);
    connected.completeExceptionally(error);
  }
}
