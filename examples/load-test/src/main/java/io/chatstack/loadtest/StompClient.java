package io.chatstack.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.BufferingStompDecoder;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * One STOMP 1.2 connection over a raw WebSocket ({@code java.net.http}); frames are decoded by
 * Spring's {@link StompDecoder}. MESSAGE bodies go to the {@code onMessage} callback, which runs on
 * the HTTP client's executor threads (one at a time per connection).
 *
 * <p>Thread-safe: {@link #send} may be called from any thread; sends are queued because a WebSocket
 * allows one outstanding send at a time.
 */
public final class StompClient implements WebSocket.Listener {
  private final Consumer<byte[]> onMessage;
  private final Consumer<String> onError;
  private final BufferingStompDecoder decoder =
      new BufferingStompDecoder(new StompDecoder(), 1 << 20);
  private final StringBuilder text = new StringBuilder();
  private final CompletableFuture<StompClient> connected = new CompletableFuture<>();
  private final CompletableFuture<Void> gone = new CompletableFuture<>();
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private boolean sending;
  private volatile WebSocket socket;
  private volatile boolean closed;
  private volatile boolean closing;

  private StompClient(Consumer<byte[]> onMessage, Consumer<String> onError) {
    this.onMessage = onMessage;
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
    StompClient client = new StompClient(onMessage, onError);
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
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      text.setLength(0);
      handle(decoder.decode(ByteBuffer.wrap(bytes)));
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    handle(decoder.decode(data));
    webSocket.request(1);
    return null;
  }

  private void handle(List<Message<byte[]>> frames) {
    for (Message<byte[]> frame : frames) {
      StompCommand command = StompHeaderAccessor.wrap(frame).getCommand();
      if (command == StompCommand.MESSAGE) {
        onMessage.accept(frame.getPayload());
      } else if (command == StompCommand.CONNECTED) {
        connected.complete(this);
      } else if (command == StompCommand.ERROR) {
        String reason =
            StompFrames.header(frame, "message")
                + " "
                + new String(frame.getPayload(), StandardCharsets.UTF_8);
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
