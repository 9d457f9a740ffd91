package io.chatstack.examples.secured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.HistoryQuery;
import io.chatstack.json.ChatJson;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/** Spring Security's authenticated user is the chat identity over REST and STOMP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecuredChatIT {
  @LocalServerPort int port;
  @Autowired ChatService chat;

  private final HttpClient http = HttpClient.newHttpClient();

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> post(String path, String auth, String json) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (auth != null) {
      request.header("Authorization", auth);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<StompSession> stomp(String auth, String login) {
    WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
    client.setMessageConverter(
        new StringMessageConverter() {
          @Override
          protected boolean supportsMimeType(MessageHeaders headers) {
            return true;
          }
        });
    WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
    if (auth != null) {
      handshake.add("Authorization", auth);
    }
    StompHeaders connect = new StompHeaders();
    if (login != null) {
      connect.setLogin(login);
    }
    CompletableFuture<StompSession> refused = new CompletableFuture<>();
    CompletableFuture<StompSession> connected =
        client.connectAsync(
            "ws://127.0.0.1:" + port + "/ws",
            handshake,
            connect,
            new StompSessionHandlerAdapter() {
              @Override
              public void handleFrame(StompHeaders headers, Object payload) {
                refused.completeExceptionally(
                    new IllegalStateException("ERROR: " + headers.getFirst("message")));
              }

              @Override
              public void handleException(
                  StompSession s, StompCommand c, StompHeaders h, byte[] p, Throwable e) {
                refused.completeExceptionally(e);
              }

              @Override
              public void handleTransportError(StompSession s, Throwable e) {
                refused.completeExceptionally(e);
              }
            });
    return connected.applyToEither(refused, s -> s);
  }

  @Test
  void restUsesTheAuthenticatedUser() throws Exception {
    assertThat(post("/api/rooms", null, "{\"roomName\":\"x\"}").statusCode()).isEqualTo(401);
    HttpResponse<String> spoofed =
        post(
            "/api/rooms",
            basic("alice", "alice-secret"),
            "{\"roomName\":\"x\",\"creator\":\"bob\"}");
    assertThat(spoofed.statusCode()).isEqualTo(403);
    HttpResponse<String> created =
        post("/api/rooms", basic("alice", "alice-secret"), "{\"roomName\":\"secured\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(ChatJson.mapper().readTree(created.body()).get("createdBy").asText())
        .isEqualTo("alice");
  }

  @Test
  void stompTakesTheUserFromTheAuthenticatedHandshake() throws Exception {
    long roomId = chat.createRoom("ws-secured", "alice").id();
    StompSession alice = stomp(basic("alice", "alice-secret"), null).get(30, TimeUnit.SECONDS);
    List<ChatMessage> seen = new CopyOnWriteArrayList<>();
    StompHeaders subscribe = new StompHeaders();
    subscribe.setDestination("/topic/chat/" + roomId);
    alice.subscribe(
        subscribe,
        new StompSessionHandlerAdapter() {
          @Override
          public Type getPayloadType(StompHeaders headers) {
            return String.class;
          }

          @Override
          public void handleFrame(StompHeaders headers, Object payload) {
            seen.add(ChatJson.fromJson((String) payload, ChatMessage.class));
          }
        });
    alice.send("/app/chat/send/" + roomId, "{\"content\":\"hello from alice\"}");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(chat.history(roomId, HistoryQuery.latest(10)).messages())
                    .anySatisfy(
                        m -> {
                          assertThat(m.content()).isEqualTo("hello from alice");
                          assertThat(m.sender()).isEqualTo("alice");
                        }));
    await().atMost(Duration.ofSeconds(30)).until(() -> !seen.isEmpty());
  }

  @Test
  void unauthenticatedOrMismatchedStompConnectionsAreRefused() throws Exception {
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ws")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThatThrownBy(() -> stomp(null, "alice").get(30, TimeUnit.SECONDS))
        .hasStackTraceContaining("WebSocket connection")
        .hasStackTraceContaining("failed");
    assertThatThrownBy(() -> stomp(basic("alice", "alice-secret"), "bob").get(30, TimeUnit.SECONDS))
        .hasMessageContaining("differs from the authenticated user");
  }
}
