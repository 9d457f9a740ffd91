package io.chatstack.spring.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatService;
import io.chatstack.core.Room;
import io.chatstack.testkit.net.StalledStompSocket;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * Raw WebSocket on Tomcat (Spring Boot's default container).
 *
 * <p>A connection runs on chatstack's endpoint on the container's Jakarta session, without Spring's
 * per-connection {@code WebSocketSession} and its copy of the handshake headers: the observer hears
 * of each connection from that endpoint, and while connections are open the heap holds no more
 * Spring sessions than before. The test client is the JDK's, so no Spring session of a client is
 * counted either.
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
  private static final String CHATSTACK_ENDPOINT =
      "io.chatstack.spring.websocket.internal.StompEndpoint";
  private static final String SPRING_HANDLER =
      "io.chatstack.spring.websocket.internal.StompWebSocketHandler";
  private static final int CONNECTIONS = 3;

  @SpringBootApplication
  static class App {
    @Bean
    Connections connections() {
      return new Connections();
    }
  }

  /** Counts the sessions the observer hears of, and which class opened each. */
  static final class Connections implements ConnectionObserver {
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final List<String> openedBy = new CopyOnWriteArrayList<>();

    @Override
    public void opened() {
      opened.incrementAndGet();
      openedBy.add(
          StackWalker.getInstance()
              .walk(
                  frames ->
                      frames
                          .map(StackWalker.StackFrame::getClassName)
                          .filter(c -> c.equals(CHATSTACK_ENDPOINT) || c.equals(SPRING_HANDLER))
                          .findFirst()
                          .orElse("?")));
    }

    @Override
    public void closed() {
      closed.incrementAndGet();
    }
  }

  @LocalServerPort int port;
  @Autowired Connections connections;
  @Autowired ChatService chat;

  /**
   * Tomcat writes a normal close frame (1000) with a blocking send that waits up to 20 s by default
   * for room on the socket. When chatstack closes a connection whose client stopped reading, the
   * thread that closes it (the engine's scheduler, once the close timeout has passed) must not wait
   * that long: the session ends within about the close timeout (1 s here).
   */
  @Test
  void aClientThatDisconnectsButStopsReadingIsClosedWithinTheCloseTimeout() throws Exception {
    Room room = chat.createRoom("stalled-disconnect", "alice");
    try (StalledStompSocket stalled =
        StalledStompSocket.subscribe(
            URI.create("ws://127.0.0.1:" + port + "/ws"), "alice", "/topic/chat/" + room.id())) {
      int closedBefore = connections.closed.get();
      // 20 MB: more than the socket buffers hold (4 MB at most on Linux), far less than the
      // outbound queue's limit here, so chatstack's writes back up without a slow-consumer close.
      String content = "x".repeat(4_000);
      for (int i = 0; i < 5_000; i++) {
        chat.send(room.id(), "alice", content).join();
      }
      // The receipt and the close frame queue behind the stalled writes; after the close timeout
      // chatstack closes the connection anyway.
      stalled.disconnect("bye");
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(connections.closed.get()).isEqualTo(closedBefore + 1));
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
    try {
      for (int i = 0; i < CONNECTIONS; i++) {
        StompWire wire = StompWire.open(URI.create("ws://127.0.0.1:" + port + "/ws"), Map.of());
        wires.add(wire);
        wire.send(StompWire.frame("CONNECT", "", "accept-version", "1.2", "login", "user" + i));
        wire.await(f -> f.command().equals("CONNECTED"));
        wire.send(
            StompWire.frame(
                "SUBSCRIBE", "", "id", "1", "destination", "/user/queue/errors", "receipt", "r1"));
        wire.awaitReceipt("r1");
      }
      assertThat(connections.opened.get()).isEqualTo(openedBefore + CONNECTIONS);
      assertThat(connections.openedBy).containsOnly(CHATSTACK_ENDPOINT).hasSize(CONNECTIONS);
      assertThat(added(before, liveInstances(), SPRING_SESSION)).isNotPositive();
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
