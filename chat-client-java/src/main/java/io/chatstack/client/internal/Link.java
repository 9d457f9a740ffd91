package io.chatstack.client.internal;

import io.chatstack.client.ChatClientException;
import io.chatstack.stomp.FrameWriter;
import io.chatstack.stomp.StompFrame;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.glassfish.tyrus.client.ClientManager;

/**
 * One WebSocket connection (Tyrus) carrying STOMP frames. Inbound messages are read by the link's
 * own {@link MessageFrames} and handed to the {@link Listener} on Tyrus' thread, one message at a
 * time; a malformed one closes the link. Writes are blocking and serialized. After {@link #close()}
 * or a close by the peer, {@link Listener#onClosed} is called exactly once and nothing else.
 * Thread-safe.
 */
public final class Link {
  static final int MAX_MESSAGE_BYTES = 16 << 20;

  /** What a link reports. Called on Tyrus threads. */
  public interface Listener {
    void onFrames(Link link, List<StompFrame> frames);

    void onClosed(Link link, ChatClientException cause);
  }

  private final FrameWriter writer;
  private final MessageFrames reader = new MessageFrames(MAX_MESSAGE_BYTES);
  private final Listener listener;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object writeLock = new Object();
  private volatile Session session;
  private volatile long lastInboundNanos = System.nanoTime();
  private volatile long lastOutboundNanos = System.nanoTime();

  private Link(FrameWriter writer, Listener listener) {
    this.writer = writer;
    this.listener = listener;
  }

  /**
   * Opens a WebSocket to {@code uri}; blocks until the handshake completes.
   *
   * @throws ChatClientException ({@code connect-failed}) when the server cannot be reached
   */
  public static Link open(ClientManager container, URI uri, FrameWriter writer, Listener listener) {
    Link link = new Link(writer, listener);
    try {
      link.session =
          container.connectToServer(
              link.endpoint(), ClientEndpointConfig.Builder.create().build(), uri);
    } catch (Exception e) {
      throw new ChatClientException(
          "connect-failed", "Cannot open a WebSocket to " + uri + ": " + e.getMessage(), e);
    }
    return link;
  }

  /** Writes one text message (one or more frames). @throws IOException when the socket failed */
  public void write(String text) throws IOException {
    Session s = session;
    if (s == null || closed.get()) {
      throw new IOException("connection closed");
    }
    synchronized (writeLock) {
      try {
        s.getBasicRemote().sendText(text);
      } catch (RuntimeException e) {
        // e.g. Tyrus rejecting its idle-timer task while the client closes concurrently
        throw new IOException("write failed: " + e, e);
      }
    }
    lastOutboundNanos = System.nanoTime();
  }

  /** Writes a frame. */
  public void write(StompFrame frame) throws IOException {
    write(writer.write(frame));
  }

  public long lastInboundNanos() {
    return lastInboundNanos;
  }

  public long lastOutboundNanos() {
    return lastOutboundNanos;
  }

  public boolean isClosed() {
    return closed.get();
  }

  /** Closes the socket and reports {@code cause} (null: closed on purpose). Idempotent. */
  public void close(ChatClientException cause) {
    if (closed.compareAndSet(false, true)) {
      Session s = session;
      if (s != null && s.isOpen()) {
        try {
          s.close();
        } catch (IOException | RuntimeException e) {
          // broken already: nothing more to release
        }
      }
      listener.onClosed(this, cause);
    }
  }

  private void onText(String text) {
    lastInboundNanos = System.nanoTime();
    if (closed.get()) {
      return;
    }
    List<StompFrame> frames;
    try {
      frames = reader.read(text);
    } catch (ChatClientException e) {
      close(e);
      return;
    }
    if (!frames.isEmpty()) {
      listener.onFrames(this, frames);
    }
  }

  private Endpoint endpoint() {
    return new Endpoint() {
      @Override
      public void onOpen(Session s, EndpointConfig config) {
        s.setMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
        s.setMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
        s.addMessageHandler(String.class, (MessageHandler.Whole<String>) Link.this::onText);
        s.addMessageHandler(
            ByteBuffer.class,
            (MessageHandler.Whole<ByteBuffer>)
                bytes -> onText(StandardCharsets.UTF_8.decode(bytes).toString()));
      }

      @Override
      public void onClose(Session s, CloseReason reason) {
        close(
            new ChatClientException(
                "connection-lost",
                "The server closed the connection ("
                    + reason.getCloseCode().getCode()
                    + (reason.getReasonPhrase().isEmpty() ? "" : " " + reason.getReasonPhrase())
                    + ")"));
      }

      @Override
      public void onError(Session s, Throwable error) {
        close(
            new ChatClientException(
                "connection-lost", "The connection failed: " + error.getMessage(), error));
      }
    };
  }
}
