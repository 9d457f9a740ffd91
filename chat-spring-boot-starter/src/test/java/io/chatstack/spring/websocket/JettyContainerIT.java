package io.chatstack.spring.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.Room;
import io.chatstack.testkit.net.StalledStompSocket;
import jakarta.servlet.ServletContext;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.sockjs.client.SockJsClient;
import org.springframework.web.socket.sockjs.client.WebSocketTransport;

/**
 * chatstack in a Jetty host. Tagged "jetty", this test runs in its own failsafe execution (see this
 * module's pom) with Tomcat taken off the class path and Spring Boot's Jetty starter put on it.
 * Spring would upgrade raw WebSocket requests on Jetty through Jetty's own API, and Spring's
 * session for it waits for each send to complete, so every write would take a thread of the writer
 * executor; chatstack asks for the Jakarta WebSocket upgrade instead and writes asynchronously, as
 * on Tomcat.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "chatstack.security.authentication=dev",
      "chatstack.websocket.close-timeout=1s",
      "chatstack.websocket.outbound-queue-frames=32"
    })
@Tag("jetty")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JettyContainerIT {
  @SpringBootApplication
  static class App {
    // A short container idle timeout, which chatstack's raw STOMP sessions must not obey, and
    // small buffers, as chatstack.websocket.buffer-size would set them.
    @Bean
    ServletServerContainerFactoryBean container() {
      ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
      container.setMaxSessionIdleTimeout(IDLE_TIMEOUT.toMillis());
      container.setMaxTextMessageBufferSize(1024);
      container.setMaxBinaryMessageBufferSize(1024);
      return container;
    }

    @Bean
    CountingObserver connections() {
      return new CountingObserver();
    }
  }

  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);

  @LocalServerPort int port;
  @Autowired ChatService chat;
  @Autowired ServletContext servletContext;
  @Autowired CountingObserver connections;

  @Autowired
  @Qualifier(ChatWebSocketAutoConfiguration.WRITER_BEAN)
  ExecutorService writer;

  private SpringStomp stomp;

  @AfterEach
  void stop() {
    if (stomp != null) {
      stomp.close();
    }
  }

  // First, so that no session of the other tests is open or closing.
  @Test
  @Order(0)
  void aConnectionClosedToAClientThatStoppedReadingEndsWithinTheContainersIdleTimeout()
      throws Exception {
    assertThat(connections.open()).isZero();
    Room room = chat.createRoom("stalled-on-jetty", "alice");
    try (StalledStompSocket stalled =
        StalledStompSocket.subscribe(
            URI.create("ws://127.0.0.1:" + port + "/ws"), "alice", "/topic/chat/" + room.id())) {
      assertThat(connections.open()).isEqualTo(1);
      // Fill the client's receive buffer, the socket's, Jetty's and the outbound queue (32 frames
      // here) until chatstack closes the connection as a slow consumer: its ERROR and close frames
      // can never be written, and after the close timeout (1 s here) chatstack stops waiting.
      String content = "x".repeat(3_900);
      for (int i = 0; i < 20_000 && connections.closedByServer.isEmpty(); i++) {
        chat.send(room.id(), "alice", content + i).join();
      }
      await().atMost(StompWire.WAIT).until(() -> !connections.closedByServer.isEmpty());
      assertThat(connections.closedByServer).containsExactly("slow-consumer");
      // Then the container's idle timeout (IDLE_TIMEOUT here, 30 s by default on Jetty) bounds
      // the close again; without it the session would last as long as the stalled socket.
      await()
          .atMost(IDLE_TIMEOUT.multipliedBy(5))
          .untilAsserted(() -> assertThat(connections.open()).isZero());
    }
  }

  // Before the SockJS test, so that no SockJS session is still open and writing.
  @Test
  @Order(1)
  void rawWebSocketOnJettyWritesWithoutTheWriterThreads() throws Exception {
    assertThat(servletContext.getServerInfo()).startsWithIgnoringCase("jetty");
    long writerTasks = ((ThreadPoolExecutor) writer).getTaskCount();
    exchange(new StandardWebSocketClient(), "on-jetty");
    // CONNECTED and the 20 MESSAGE frames were all written by the container's asynchronous
    // remote: none was handed to the writer executor.
    assertThat(((ThreadPoolExecutor) writer).getTaskCount()).isEqualTo(writerTasks);
  }

  @Test
  @Order(2)
  void sockJsOnJettyStillWorks() throws Exception {
    // SockJS frames its writes itself: they go through the writer executor, on any container.
    exchange(
        new SockJsClient(List.of(new WebSocketTransport(new StandardWebSocketClient()))),
        "sockjs-on-jetty");
  }

  @Test
  @Order(3)
  void aQuietConnectionWithoutHeartBeatsOutlivesTheContainersIdleTimeout() throws Exception {
    try (StompWire wire = StompWire.open(URI.create("ws://127.0.0.1:" + port + "/ws"), Map.of())) {
      wire.send(
          StompWire.frame(
              "CONNECT", "", "accept-version", "1.2", "login", "alice", "heart-beat", "0,0"));
      wire.await(f -> f.command().equals("CONNECTED"));
      // Jetty would close it after IDLE_TIMEOUT without a frame either way; STOMP asked for none.
      await()
          .during(IDLE_TIMEOUT.multipliedBy(2))
          .atMost(IDLE_TIMEOUT.multipliedBy(3))
          .until(() -> !wire.closed());
      wire.send(
          StompWire.frame(
              "SUBSCRIBE", "", "id", "1", "destination", "/user/queue/errors", "receipt", "r1"));
      wire.awaitReceipt("r1");
    }
  }

  private void exchange(WebSocketClient transport, String roomName) throws Exception {
    Room room = chat.createRoom(roomName, "alice");
    stomp = new SpringStomp(transport);
    StompSession alice = stomp.connect("ws://127.0.0.1:" + port + "/ws", "alice");
    List<ChatMessage> received = new CopyOnWriteArrayList<>();
    SpringStomp.subscribe(alice, room.id(), received);
    for (int i = 0; i < 20; i++) {
      alice.send("/app/chat/send/" + room.id(), "{\"content\":\"hello " + i + "\"}");
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(stomp.problems).isEmpty();
              assertThat(received).hasSize(20);
            });
    assertThat(received)
        .extracting(ChatMessage::content)
        .containsExactly(IntStream.range(0, 20).mapToObj(i -> "hello " + i).toArray(String[]::new));
  }
}
