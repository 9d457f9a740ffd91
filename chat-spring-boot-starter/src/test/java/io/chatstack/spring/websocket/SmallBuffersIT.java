package io.chatstack.spring.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.Room;
import io.chatstack.json.ChatJson;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
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
  private WebSocketStompClient client;

  @AfterEach
  void stop() {
    client.stop();
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
    client = new WebSocketStompClient(new StandardWebSocketClient(clientContainer));
    client.setInboundMessageSizeLimit(64 * 1024);
    client.setMessageConverter(
        new StringMessageConverter() {
          @Override
          protected boolean supportsMimeType(MessageHeaders headers) {
            return true;
          }
        });
    List<String> problems = new CopyOnWriteArrayList<>();
    StompHeaders connect = new StompHeaders();
    connect.setLogin("alice");
    StompSession alice =
        client
            .connectAsync(
                "ws://127.0.0.1:" + port + "/ws",
                new WebSocketHttpHeaders(),
                connect,
                new StompSessionHandlerAdapter() {
                  @Override
                  public void handleFrame(StompHeaders headers, Object payload) {
                    problems.add("ERROR " + headers + " " + payload);
                  }

                  @Override
                  public void handleTransportError(StompSession session, Throwable exception) {
                    problems.add(exception.toString());
                  }
                })
            .get(30, TimeUnit.SECONDS);
    List<ChatMessage> received = new CopyOnWriteArrayList<>();
    alice.subscribe(
        "/topic/chat/" + room.id(),
        new StompFrameHandler() {
          @Override
          public Type getPayloadType(StompHeaders headers) {
            return String.class;
          }

          @Override
          public void handleFrame(StompHeaders headers, Object payload) {
            received.add(ChatJson.fromJson((String) payload, ChatMessage.class));
          }
        });
    // Raw (unescaped) characters, so part boundaries can fall inside surrogate pairs.
    String body =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .writeValueAsString(java.util.Map.of("content", content));
    alice.send("/app/chat/send/" + room.id(), body);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(problems).isEmpty();
              assertThat(received).extracting(ChatMessage::content).containsExactly(content);
            });
    assertThat(chat.history(room.id(), Long.MAX_VALUE, 10).messages())
        .extracting(ChatMessage::content)
        .contains(content);
  }
}
