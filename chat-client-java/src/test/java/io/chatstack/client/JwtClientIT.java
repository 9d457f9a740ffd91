package io.chatstack.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.chatstack.core.ChatService;
import io.chatstack.server.ChatServer;
import io.chatstack.server.JwtAuthenticator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code .token(jwt)} authenticates with {@code Authorization: Bearer} in CONNECT. */
class JwtClientIT {
  static final byte[] SECRET = "client-secret-client-secret-0123".getBytes(StandardCharsets.UTF_8);

  @Test
  void tokenIsTheIdentityAndABadTokenIsRefusedClearly() {
    try (ChatService service = ChatService.builder().build();
        ChatServer server =
            ChatServer.builder()
                .port(0)
                .chatService(service)
                .authenticator(JwtAuthenticator.hmacSha256(SECRET).build())
                .build()
                .start()) {
      String token =
          JWT.create()
              .withSubject("carol")
              .withExpiresAt(Instant.now().plusSeconds(300))
              .sign(Algorithm.HMAC256(SECRET));
      try (ChatClient carol = ChatClient.builder().url(server.uri()).token(token).build()) {
        carol.connect();
        assertThat(carol.userName()).isEqualTo("carol");
        assertThat(carol.createRoom("jwt").createdBy()).isEqualTo("carol");
      }
      String forged =
          JWT.create()
              .withSubject("mallory")
              .sign(Algorithm.HMAC256("another-secret-another-secret-01"));
      ChatClient mallory = ChatClient.builder().url(server.uri()).token(forged).build();
      assertThatThrownBy(mallory::connect)
          .isInstanceOf(ChatClientException.class)
          .hasMessageContaining("The server sent ERROR")
          .extracting(e -> ((ChatClientException) e).code())
          .isEqualTo("server-error");
      assertThat(mallory.isClosed()).isTrue();
    }
  }
}
