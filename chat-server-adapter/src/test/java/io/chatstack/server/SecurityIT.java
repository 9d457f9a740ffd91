package io.chatstack.server;

import static io.chatstack.server.TestFrame.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.chatstack.core.ChatService;
import io.chatstack.core.Room;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signed-token authentication over the wire, origin allow-list, and room authorization. */
class SecurityIT {
  static final String ALLOWED = "https://chat.example";
  static final byte[] SECRET = "it-secret-it-secret-it-secret-it".getBytes(StandardCharsets.UTF_8);
  static ChatService service;
  static ChatServer server;

  @BeforeAll
  static void start() {
    service = ChatService.builder().build();
    server =
        ChatServer.builder()
            .port(0)
            .config(
                StompServerConfig.builder(service, JwtAuthenticator.hmacSha256(SECRET).build())
                    .allowedOrigins("https://chat.example")
                    .build())
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
    service.close();
  }

  @Test
  void tokenInConnectHeaderHandshakeHeaderOrQueryAuthenticates() throws Exception {
    String token = token("alice");
    try (RawStompClient c = open(server.uri())) {
      c.send(frame("CONNECT", "", "accept-version", "1.2", "Authorization", "Bearer " + token));
      assertThat(c.await(f -> f.command().equals("CONNECTED")).header("user-name"))
          .isEqualTo("alice");
    }
    try (RawStompClient c =
        RawStompClient.open(
            server.uri(), Map.of("Origin", ALLOWED, "Authorization", "Bearer " + token("bob")))) {
      c.send(frame("CONNECT", "", "accept-version", "1.2"));
      assertThat(c.await(f -> f.command().equals("CONNECTED")).header("user-name"))
          .isEqualTo("bob");
    }
    try (RawStompClient c = open(URI.create(server.uri() + "?access_token=" + token("carol")))) {
      c.send(frame("CONNECT", "", "accept-version", "1.2"));
      assertThat(c.await(f -> f.command().equals("CONNECTED")).header("user-name"))
          .isEqualTo("carol");
    }
  }

  @Test
  void claimedLoginWithoutTokenIsRefused() throws Exception {
    try (RawStompClient c = open(server.uri())) {
      c.send(frame("CONNECT", "", "accept-version", "1.2", "login", "alice"));
      assertThat(c.await(f -> f.command().equals("ERROR")).header("code"))
          .isEqualTo("unauthenticated");
      c.awaitClosed();
    }
  }

  @Test
  void originAllowList() throws Exception {
    assertThatThrownBy(
            () -> RawStompClient.open(server.uri(), Map.of("Origin", "https://evil.example")))
        .isInstanceOf(Exception.class);
    try (RawStompClient c =
        RawStompClient.open(server.uri(), Map.of("Origin", "https://chat.example"))) {
      c.send(frame("CONNECT", "", "accept-version", "1.2", "passcode", token("dave")));
      c.await(f -> f.command().equals("CONNECTED"));
    }
  }

  @Test
  void onlyParticipantsMaySubscribe() throws Exception {
    Room room = service.createRoom("private", "owner");
    try (RawStompClient c = open(server.uri())) {
      c.send(frame("CONNECT", "", "accept-version", "1.2", "passcode", token("eve")));
      c.await(f -> f.command().equals("CONNECTED"));
      c.send(frame("SUBSCRIBE", "", "id", "1", "destination", "/topic/chat/" + room.id()));
      assertThat(c.await(f -> f.command().equals("ERROR")).header("code"))
          .isEqualTo("not-participant");
      c.awaitClosed();
    }
  }

  @Test
  void withoutAllowListOnlySameOriginBrowsersConnect() throws Exception {
    try (ChatServer defaults =
        ChatServer.builder()
            .port(0)
            .chatService(service)
            .authenticator(new DevAuthenticator())
            .build()
            .start()) {
      try (RawStompClient sameOrigin =
          RawStompClient.open(
              defaults.uri(), Map.of("Origin", "http://localhost:" + defaults.port()))) {
        sameOrigin.send(TestFrame.connect("frank"));
        sameOrigin.await(f -> f.command().equals("CONNECTED"));
      }
      try (RawStompClient crossOrigin =
          RawStompClient.open(defaults.uri(), Map.of("Origin", "https://evil.example"))) {
        crossOrigin.awaitClosed();
        assertThat(crossOrigin.closeReason.getCloseCode().getCode()).isEqualTo(1008);
        assertThat(crossOrigin.frames).isEmpty();
      }
    }
  }

  private static RawStompClient open(URI uri) throws Exception {
    return RawStompClient.open(uri, Map.of("Origin", ALLOWED));
  }

  private static String token(String user) {
    return JWT.create()
        .withSubject(user)
        .withExpiresAt(Instant.now().plusSeconds(300))
        .sign(Algorithm.HMAC256(SECRET));
  }
}
