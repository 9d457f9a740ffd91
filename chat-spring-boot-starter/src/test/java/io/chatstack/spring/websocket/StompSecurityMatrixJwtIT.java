package io.chatstack.spring.websocket;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
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

  private static String[] bearer(String token) {
    return new String[] {"Authorization", "Bearer " + token};
  }

  private static Algorithm hmac(String secret) {
    return Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8));
  }
}
