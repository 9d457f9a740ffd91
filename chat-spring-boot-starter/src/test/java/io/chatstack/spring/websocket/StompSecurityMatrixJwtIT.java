package io.chatstack.spring.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** The STOMP security matrix with {@code chatstack.security.authentication=jwt}. */
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "chatstack.security.authentication=jwt",
      "chatstack.security.jwt.secret=" + StompSecurityMatrixJwtIT.SECRET,
      "chatstack.websocket.allowed-origins=*"
    })
class StompSecurityMatrixJwtIT extends StompSecurityMatrix {
  static final String SECRET = "matrix-secret-matrix-secret-matrix-secret";

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @Override
  Map<String, String> handshake(Credential credential, String user) {
    return Map.of();
  }

  @Override
  String[] connectHeaders(Credential credential, String user) {
    return switch (credential) {
      case NONE -> new String[0];
      case MALFORMED -> new String[] {"Authorization", "Bearer not.a-token"};
      case EXPIRED ->
          bearer(
              JWT.create()
                  .withSubject(user)
                  .withExpiresAt(Instant.now().minusSeconds(3600))
                  .sign(hmac(SECRET)));
      case WRONGLY_SIGNED ->
          bearer(
              JWT.create().withSubject(user).sign(hmac("another-secret-another-secret-another")));
      case VALID ->
          bearer(
              JWT.create()
                  .withSubject(user)
                  .withExpiresAt(Instant.now().plusSeconds(600))
                  .sign(hmac(SECRET)));
    };
  }

  /**
   * Browsers cannot set WebSocket handshake headers: a token in the handshake's {@code
   * access_token} query parameter authenticates the connection (Tomcat itself is handed the request
   * without its query, see {@code ContainerUpgradeRequest}).
   */
  @Test
  void aTokenInTheHandshakeQueryAuthenticatesTheConnection() throws Exception {
    String valid =
        JWT.create()
            .withSubject("query-user")
            .withExpiresAt(Instant.now().plusSeconds(600))
            .sign(hmac(SECRET));
    try (StompWire wire = StompWire.open(withToken(valid), Map.of())) {
      wire.send(StompWire.frame("CONNECT", "", "accept-version", "1.2"));
      StompWire.Frame connected = wire.await(f -> f.command().equals("CONNECTED"));
      assertThat(connected.header("user-name")).isEqualTo("query-user");
    }
    String forged = JWT.create().withSubject("query-user").sign(hmac("another-secret-another"));
    try (StompWire wire = StompWire.open(withToken(forged), Map.of())) {
      wire.send(StompWire.frame("CONNECT", "", "accept-version", "1.2"));
      StompWire.Frame error = wire.await(f -> f.command().equals("ERROR"));
      assertThat(error.header("code")).isEqualTo("unauthenticated");
    }
  }

  private URI withToken(String token) {
    return URI.create("ws://localhost:" + port + "/ws?access_token=" + token);
  }

  private static String[] bearer(String token) {
    return new String[] {"Authorization", "Bearer " + token};
  }

  private static Algorithm hmac(String secret) {
    return Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8));
  }
}
