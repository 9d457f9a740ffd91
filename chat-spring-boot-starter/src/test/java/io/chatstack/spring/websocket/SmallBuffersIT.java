package io.chatstack.spring.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.Room;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * With {@code chatstack.websocket.buffer-size} far below the frame size, the container hands frames
 * over in parts: a message of several KiB with characters outside the BMP (surrogate pairs that a
 * part boundary can split) still arrives intact in both directions.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"chatstack.security.authentication=dev", "chatstack.websocket.buffer-size=512"})
class SmallBuffersIT {
  @SpringBootApplication
  static class App {}

  @LocalServerPort int port;
  @Autowired ChatService chat;
  @Autowired ServletServerContainerFactoryBean container;
  private SpringStomp stomp;

  @AfterEach
  void stop() {
    if (stomp != null) {
      stomp.close();
    }
  }

  @Test
  void largeFramesArriveIntactInPartsThroughSmallContainerBuffers() throws Exception {
    // Raw WebSocket only: SockJS sessions need whole messages (see WebSocketBufferConfiguration and
    // the README).
    assertThat(container.getMaxTextMessageBufferSize()).isEqualTo(512);
    Room room = chat.createRoom("small-buffers", "alice");
    // 3,999 chars with a 2-char emoji at every odd offset: part boundaries fall inside pairs.
    String content = "x" + "\uD83D\uDE00".repeat(1_999);
    // The MESSAGE frame is ~24k chars (JSON escapes the emoji): more than the client's default.
    WebSocketContainer clientContainer = ContainerProvider.getWebSocketContainer();
    clientContainer.setDefaultMaxTextMessageBufferSize(64 * 1024);
    stomp = new SpringStomp(new StandardWebSocketClient(clientContainer)).inboundLimit(64 * 1024);
    StompSession alice = stomp.connect("ws://127.0.0.1:" + port + "/ws", "alice");
    List<ChatMessage> received = new CopyOnWriteArrayList<>();
    SpringStomp.subscribe(alice, room.id(), received);
    // Raw (unescaped) characters, so part boundaries can fall inside surrogate pairs.
    String body =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .writeValueAsString(java.util.Map.of("content", content));
    alice.send("/app/chat/send/" + room.id(), body);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(stomp.problems).isEmpty();
              assertThat(received).extracting(ChatMessage::content).containsExactly(content);
            });
    assertThat(chat.history(room.id(), Long.MAX_VALUE, 10).messages())
        .extracting(ChatMessage::content)
        .contains(content);
  }

  /**
   * Tomcat's binary message buffer is much smaller than the text one (STOMP clients send text): a
   * binary frame of several KiB, multi-byte characters split across parts, is still read whole.
   */
  @Test
  void aBinaryFrameArrivesInPartsThroughTomcatsSmallBinaryBuffer() throws Exception {
    assertThat(container.getMaxBinaryMessageBufferSize()).isEqualTo(128);
    Room room = chat.createRoom("small-binary-buffer", "bob");
    String content = "\u00e9\uD83D\uDE00".repeat(1_000);
    String body =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .writeValueAsString(java.util.Map.of("content", content));
    try (StompWire wire =
        StompWire.open(java.net.URI.create("ws://127.0.0.1:" + port + "/ws"), java.util.Map.of())) {
      wire.sendBinary(StompWire.frame("CONNECT", "", "accept-version", "1.2", "login", "bob"));
      wire.await(f -> f.command().equals("CONNECTED"));
      wire.sendBinary(
          StompWire.frame(
              "SEND",
              body,
              "destination",
              "/app/chat/send/" + room.id(),
              "content-type",
              "application/json",
              "receipt",
              "s1"));
      wire.awaitReceipt("s1"); // fails at once on an ERROR
    }
    assertThat(chat.history(room.id(), Long.MAX_VALUE, 10).messages())
        .extracting(ChatMessage::content)
        .contains(content);
  }
}
