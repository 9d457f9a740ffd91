package io.chatstack.devservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.core.ChatMessage;
import io.chatstack.json.ChatJson;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import org.springframework.web.socket.sockjs.client.RestTemplateXhrTransport;
import org.springframework.web.socket.sockjs.client.SockJsClient;
import org.springframework.web.socket.sockjs.client.XhrTransport;

/**
 * The whole app on dev services (real Kafka, Jdbi on H2, MongoDB wire server): REST creates the
 * room, then a SockJS client (XHR streaming, no WebSocket) and a raw WebSocket client chat through
 * the STOMP endpoint at /ws, see each other's messages and JOIN, and recover with since-seq.
 */
// Closed right after the class: its backends (in-process Kafka, ...) must not stop only at JVM
// exit.
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "chatstack.dev-services.enabled=true",
      "chatstack.security.authentication=dev",
      "chatstack.websocket.allowed-origins=http://good.example",
      // The SockJS client's XHR streaming request outlives the test; a graceful shutdown would
      // wait 30 s for it.
      "server.shutdown=immediate",
      "logging.level.io.chatstack.server=DEBUG",
      "logging.level.org.springframework.web.socket=DEBUG",
      "logging.level.org.springframework.messaging=TRACE",
      "logging.level.org.springframework.web.socket.sockjs=TRACE"
    })
class FullAppIT {
  @SpringBootApplication
  static class App {}

  @LocalServerPort int port;
  @org.springframework.beans.factory.annotation.Autowired MeterRegistry meters;
  private final List<WebSocketStompClient> clients = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    clients.forEach(WebSocketStompClient::stop);
  }

  private StompSession connect(WebSocketClient transport, String url, String user)
      throws Exception {
    WebSocketStompClient client = new WebSocketStompClient(transport);
    client.setMessageConverter(
        new StringMessageConverter() {
          @Override
          protected boolean supportsMimeType(MessageHeaders headers) {
            return true; // bodies are JSON text; read them as strings
          }
        });
    clients.add(client);
    StompHeaders connect = new StompHeaders();
    connect.setLogin(user);
    return client
        .connectAsync(url, new WebSocketHttpHeaders(), connect, new StompSessionHandlerAdapter() {})
        .get(30, TimeUnit.SECONDS);
  }

  private static List<ChatMessage> subscribe(StompSession session, long roomId, Long sinceSeq) {
    List<ChatMessage> received = new CopyOnWriteArrayList<>();
    StompHeaders headers = new StompHeaders();
    headers.setDestination("/topic/chat/" + roomId);
    if (sinceSeq != null) {
      headers.set("since-seq", String.valueOf(sinceSeq));
    }
    session.subscribe(
        headers,
        new StompFrameHandler() {
          @Override
          public Type getPayloadType(StompHeaders h) {
            return String.class;
          }

          @Override
          public void handleFrame(StompHeaders h, Object payload) {
            received.add(ChatJson.fromJson((String) payload, ChatMessage.class));
          }
        });
    return received;
  }

  private static void send(StompSession session, long roomId, String content) {
    session.send(
        "/app/chat/send/" + roomId,
        "{\"content\":\"" + content + "\",\"clientMsgId\":\"" + content + "-id\"}");
  }

  private long createRoom(String name, String creator) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/rooms"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"roomName\":\"" + name + "\",\"creator\":\"" + creator + "\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode room = ChatJson.mapper().readTree(response.body());
    return room.get("id").asLong();
  }

  @Test
  void sockJsAndRawWebSocketClientsChatThroughTheRealPipeline() throws Exception {
    long roomId = createRoom("full-app", "alice");
    SockJsClient sockJs =
        new SockJsClient(
            List.<org.springframework.web.socket.sockjs.client.Transport>of(
                (XhrTransport) new RestTemplateXhrTransport()));
    StompSession alice = connect(sockJs, "http://127.0.0.1:" + port + "/ws", "alice");
    StompSession bob =
        connect(new StandardWebSocketClient(), "ws://127.0.0.1:" + port + "/ws", "bob");

    assertThat(meters.get("chatstack.sessions").gauge().value()).isGreaterThanOrEqualTo(2);
    List<ChatMessage> aliceSees = subscribe(alice, roomId, -1L);
    bob.send("/app/chat/join/" + roomId, "{}");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> aliceSees.stream().anyMatch(m -> m.sender().equals("bob")));
    List<ChatMessage> bobSees = subscribe(bob, roomId, -1L);

    send(alice, roomId, "hello-from-sockjs");
    send(bob, roomId, "hello-from-websocket");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(aliceSees)
                  .extracting(ChatMessage::content)
                  .contains("hello-from-sockjs", "hello-from-websocket");
              assertThat(bobSees).containsExactlyElementsOf(aliceSees);
            });
    assertThat(aliceSees).extracting(ChatMessage::seq).isSorted().doesNotHaveDuplicates();
    assertThat(aliceSees.get(1).content()).isEqualTo("bob joined the room");

    long seenByBob = bobSees.get(bobSees.size() - 1).seq();
    bob.disconnect();
    send(alice, roomId, "while-bob-was-away");
    StompSession bobAgain =
        connect(new StandardWebSocketClient(), "ws://127.0.0.1:" + port + "/ws", "bob");
    List<ChatMessage> recovered = subscribe(bobAgain, roomId, seenByBob);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(recovered)
                    .extracting(ChatMessage::content)
                    .containsExactly("while-bob-was-away"));
  }

  @Test
  void browsersFromOriginsOutsideTheAllowListAreRefused() throws Exception {
    WebSocketHttpHeaders evil = new WebSocketHttpHeaders();
    evil.setOrigin("http://evil.example");
    TextWebSocketHandler ignore = new TextWebSocketHandler();
    String url = "ws://127.0.0.1:" + port + "/ws";
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new StandardWebSocketClient()
                    .execute(ignore, evil, URI.create(url))
                    .get(30, TimeUnit.SECONDS))
        .hasStackTraceContaining("[403]");
    WebSocketHttpHeaders good = new WebSocketHttpHeaders();
    good.setOrigin("http://good.example");
    WebSocketSession allowed =
        new StandardWebSocketClient()
            .execute(ignore, good, URI.create(url))
            .get(30, TimeUnit.SECONDS);
    assertThat(allowed.isOpen()).isTrue();
    allowed.close();
  }

  @Test
  void aProtocolViolationClosesTheSessionAndIsCounted() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    java.util.concurrent.CompletableFuture<CloseStatus> closed =
        new java.util.concurrent.CompletableFuture<>();
    WebSocketSession raw =
        new StandardWebSocketClient()
            .execute(
                new TextWebSocketHandler() {
                  @Override
                  protected void handleTextMessage(WebSocketSession s, TextMessage m) {
                    received.add(m.getPayload());
                  }

                  @Override
                  public void afterConnectionClosed(WebSocketSession s, CloseStatus status) {
                    closed.complete(status);
                  }
                },
                "ws://127.0.0.1:" + port + "/ws")
            .get(30, TimeUnit.SECONDS);
    raw.sendMessage(new TextMessage("HELLO\n\n\u0000"));
    assertThat(closed.get(30, TimeUnit.SECONDS).getCode())
        .isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
    assertThat(String.join("", received)).startsWith("ERROR");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        meters.find("chatstack.sessions.closed").counters().stream()
                            .mapToDouble(c -> c.count())
                            .sum())
                    .isGreaterThanOrEqualTo(1));
  }
}
