package io.chatstack.server;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.glassfish.tyrus.client.ClientManager;

/**
 * A raw WebSocket client (Tyrus) that sends arbitrary text or bytes and records what comes back.
 */
final class RawStompClient implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(30);

  final List<TestFrame> frames = new CopyOnWriteArrayList<>();
  volatile CloseReason closeReason;
  private final Session session;

  private RawStompClient(URI uri, Map<String, String> handshakeHeaders) throws Exception {
    session =
        CONTAINER.connectToServer(
            new Endpoint() {
              @Override
              public void onOpen(Session s, EndpointConfig config) {
                s.setMaxTextMessageBufferSize(1 << 20);
                s.addMessageHandler(
                    String.class,
                    (MessageHandler.Whole<String>) text -> frames.addAll(TestFrame.parse(text)));
              }

              @Override
              public void onClose(Session s, CloseReason reason) {
                closeReason = reason;
              }
            },
            ClientEndpointConfig.Builder.create()
                .configurator(
                    new ClientEndpointConfig.Configurator() {
                      @Override
                      public void beforeRequest(Map<String, List<String>> headers) {
                        handshakeHeaders.forEach(
                            (name, value) -> headers.put(name, List.of(value)));
                      }
                    })
                .build(),
            uri);
  }

  private static final ClientManager CONTAINER =
      new ClientManager() {
        // Tyrus shuts the container's executors down whenever its active-session count drops to
        // zero, and
        // that races with sessions being opened (RejectedExecutionException in
        // restartIdleTimeoutExecutor).
        // The tests' container lives as long as the JVM, so never release the executors early.
        @Override
        protected void shutdown(ShutDownCondition condition) {}
      };

  /** The Tyrus client container all tests use (also under Spring's StandardWebSocketClient). */
  static ClientManager client() {
    return CONTAINER;
  }

  static RawStompClient open(URI uri) throws Exception {
    return new RawStompClient(uri, Map.of());
  }

  /** Opens with extra handshake headers (e.g. Origin, Authorization). */
  static RawStompClient open(URI uri, Map<String, String> handshakeHeaders) throws Exception {
    return new RawStompClient(uri, handshakeHeaders);
  }

  /** Opens and CONNECTs with the dev authenticator; waits for CONNECTED. */
  static RawStompClient connected(URI uri, String login) throws Exception {
    RawStompClient client = open(uri);
    client.send(TestFrame.connect(login));
    client.await(f -> f.command().equals("CONNECTED"));
    return client;
  }

  void send(String text) throws IOException {
    session.getBasicRemote().sendText(text);
  }

  void sendBytes(byte[] bytes) throws IOException {
    session.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes));
  }

  /** Waits for the first frame matching, returns it. */
  TestFrame await(Predicate<TestFrame> match) {
    return Awaitility.await()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5))
        .atMost(WAIT)
        .until(() -> frames.stream().filter(match).findFirst(), o -> o.isPresent())
        .get();
  }

  TestFrame awaitReceipt(String receiptId) {
    return await(f -> f.command().equals("RECEIPT") && receiptId.equals(f.header("receipt-id")));
  }

  List<TestFrame> frames() {
    return List.copyOf(frames);
  }

  List<TestFrame> messages() {
    return frames.stream().filter(f -> f.command().equals("MESSAGE")).toList();
  }

  void awaitClosed() {
    Awaitility.await()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5))
        .atMost(WAIT)
        .until(() -> closeReason != null);
  }

  @Override
  public void close() throws IOException {
    if (session.isOpen()) {
      session.close();
    }
  }
}
