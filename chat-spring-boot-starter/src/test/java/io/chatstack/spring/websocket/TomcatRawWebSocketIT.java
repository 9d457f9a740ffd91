package io.chatstack.spring.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatService;
import io.chatstack.core.Room;
import io.chatstack.server.ChatEndpoint;
import io.chatstack.server.StompEngine;
import io.chatstack.testkit.net.StalledStompSocket;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.socket.server.standard.ServerEndpointExporter;

/**
 * Raw WebSocket on Tomcat (Spring Boot's default container).
 *
 * <p>A connection runs on chatstack's endpoint on the container's Jakarta session, without Spring's
 * per-connection {@code WebSocketSession} and its copy of the handshake headers: the observer hears
 * of each connection from that endpoint, and while connections are open the heap holds no more
 * Spring sessions than before. The test client is the JDK's, so no Spring session of a client is
 * counted either. Nor does Tomcat keep its own copy of each handshake's headers.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "chatstack.security.authentication=dev",
      "chatstack.websocket.close-timeout=1s",
      "chatstack.websocket.outbound-queue-frames=100000"
    })
class TomcatRawWebSocketIT {
  private static final String SPRING_SESSION =
      "org.springframework.web.socket.adapter.standard.StandardWebSocketSession";
  private static final int CONNECTIONS = 3;
  private static final String HEADER_KEY =
      "org.apache.tomcat.util.collections.CaseInsensitiveKeyMap$Key";
  private static final int PROBE_HEADERS = 10;
  private static final String JAKARTA_PATH = "/jakarta-ws";

  @SpringBootApplication
  static class App {
    @Bean
    CountingObserver connections() {
      return new CountingObserver();
    }

    @Bean
    ChatEndpointCloses chatEndpointCloses() {
      return new ChatEndpointCloses();
    }

    /** The adapter's endpoint for any Jakarta container, beside the starter's, on Tomcat. */
    @Bean
    ServerEndpointConfig chatEndpoint(StompEngine starterEngine, ChatEndpointCloses closes) {
      return closes.counting(
          ChatEndpoint.serverEndpointConfig(JAKARTA_PATH, starterEngine.config()));
    }

    @Bean
    ServerEndpointExporter serverEndpointExporter() {
      return new ServerEndpointExporter();
    }
  }

  /** Counts the container's closes of {@link ChatEndpoint} sessions. */
  static final class ChatEndpointCloses {
    final AtomicInteger closed = new AtomicInteger();

    /** The registration of {@code chat}, whose endpoints are wrapped to count their closes. */
    ServerEndpointConfig counting(ServerEndpointConfig chat) {
      ServerEndpointConfig.Configurator original = chat.getConfigurator();
      return ServerEndpointConfig.Builder.create(Counted.class, chat.getPath())
          .subprotocols(chat.getSubprotocols())
          .configurator(
              new ServerEndpointConfig.Configurator() {
                @Override
                public boolean checkOrigin(String origin) {
                  return original.checkOrigin(origin);
                }

                @Override
                public void modifyHandshake(
                    ServerEndpointConfig sec,
                    HandshakeRequest request,
                    HandshakeResponse response) {
                  original.modifyHandshake(sec, request, response);
                }

                @Override
                public <T> T getEndpointInstance(Class<T> type) throws InstantiationException {
                  return type.cast(
                      new Counted(original.getEndpointInstance(ChatEndpoint.class), closed));
                }
              })
          .build();
    }
  }

  /** A {@link ChatEndpoint} whose close by the container is counted. */
  public static final class Counted extends Endpoint {
    private final ChatEndpoint delegate;
    private final AtomicInteger closed;

    Counted(ChatEndpoint delegate, AtomicInteger closed) {
      this.delegate = delegate;
      this.closed = closed;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
      delegate.onOpen(session, config);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
      delegate.onClose(session, reason);
      closed.incrementAndGet();
    }

    @Override
    public void onError(Session session, Throwable failure) {
      delegate.onError(session, failure);
    }
  }

  @LocalServerPort int port;
  @Autowired CountingObserver connections;
  @Autowired ChatEndpointCloses chatEndpointCloses;
  @Autowired ChatService chat;

  /**
   * Tomcat writes a normal close frame (1000) with a blocking send that waits up to 20 s by default
   * for room on the socket. When chatstack closes a connection whose client stopped reading, the
   * thread that closes it (the engine's scheduler, once the close timeout has passed) must not wait
   * that long: the container's session ends within about the close timeout (1 s here), on the
   * starter's endpoint and on the adapter's {@link ChatEndpoint} alike.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/ws", JAKARTA_PATH})
  void aClientThatDisconnectsButStopsReadingIsClosedWithinTheCloseTimeout(String path)
      throws Exception {
    String user = "stalled" + path.length();
    Room room = chat.createRoom("stalled-disconnect" + path.length(), user);
    try (StalledStompSocket stalled =
        StalledStompSocket.subscribe(
            URI.create("ws://127.0.0.1:" + port + path), user, "/topic/chat/" + room.id())) {
      AtomicInteger closes =
          path.equals(JAKARTA_PATH) ? chatEndpointCloses.closed : connections.closed;
      int closedBefore = closes.get();
      // 20 MB: more than the socket buffers hold (4 MB at most on Linux), far less than the
      // outbound queue's limit here, so chatstack's writes back up without a slow-consumer close.
      String content = "x".repeat(4_000);
      for (int i = 0; i < 5_000; i++) {
        chat.send(room.id(), user, content).join();
      }
      // The receipt and the close frame queue behind the stalled writes; after the close timeout
      // chatstack closes the connection anyway.
      stalled.disconnect("bye");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(closes.get()).isEqualTo(closedBefore + 1));
    }
  }

  @Test
  void connectionsRunOnChatstacksEndpointWithoutSpringSessions() throws Exception {
    // Other test classes' contexts (and their connections) may live in this JVM too: count what
    // these connections add.
    Map<String, Long> before = liveInstances();
    int openedBefore = connections.opened.get();
    connections.openedBy.clear();
    int closedBefore = connections.closed.get();
    List<StompWire> wires = new ArrayList<>();
    Map<String, String> probeHeaders = new java.util.HashMap<>();
    for (int h = 0; h < PROBE_HEADERS; h++) {
      probeHeaders.put("X-Probe-" + h, "value " + h);
    }
    try {
      for (int i = 0; i < CONNECTIONS; i++) {
        StompWire wire =
            StompWire.open(URI.create("ws://127.0.0.1:" + port + "/ws?probe=" + i), probeHeaders);
        wires.add(wire);
        wire.send(StompWire.frame("CONNECT", "", "accept-version", "1.2", "login", "user" + i));
        wire.await(f -> f.command().equals("CONNECTED"));
        wire.send(
            StompWire.frame(
                "SUBSCRIBE", "", "id", "1", "destination", "/user/queue/errors", "receipt", "r1"));
        wire.awaitReceipt("r1");
      }
      assertThat(connections.opened.get()).isEqualTo(openedBefore + CONNECTIONS);
      assertThat(connections.openedBy)
          .containsOnly(CountingObserver.CHATSTACK_ENDPOINT)
          .hasSize(CONNECTIONS);
      Map<String, Long> open = liveInstances();
      assertThat(added(before, open, SPRING_SESSION)).isNotPositive();
      // Nor does Tomcat keep a copy of each handshake's headers (ContainerUpgradeRequest): with
      // one, every connection would add at least its ten probe headers' keys.
      assertThat(added(before, open, HEADER_KEY)).isNotPositive();
    } finally {
      wires.forEach(StompWire::close);
    }
    // The observer hears of every end once.
    await()
        .untilAsserted(
            () -> assertThat(connections.closed.get()).isEqualTo(closedBefore + CONNECTIONS));
  }

  private static long added(Map<String, Long> before, Map<String, Long> after, String type) {
    return after.getOrDefault(type, 0L) - before.getOrDefault(type, 0L);
  }

  /** Live instances per class name, after a full collection (the JVM's class histogram). */
  private static Map<String, Long> liveInstances() throws Exception {
    String histogram =
        (String)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram",
                    new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
    Map<String, Long> counts = new java.util.HashMap<>();
    for (String line : histogram.split("\n")) {
      // "   1:   4711   123456  java.lang.String (java.base@17)"
      String[] columns = line.trim().split("\\s+");
      if (columns.length >= 4 && columns[0].endsWith(":")) {
        counts.merge(columns[3], Long.parseLong(columns[1]), Long::sum);
      }
    }
    return counts;
  }
}
