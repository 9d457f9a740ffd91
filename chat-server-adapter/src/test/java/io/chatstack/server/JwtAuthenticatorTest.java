package io.chatstack.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwtAuthenticatorTest {
  private static final byte[] SECRET =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private final JwtAuthenticator authenticator =
      JwtAuthenticator.hmacSha256(SECRET).issuer("chatstack").build();

  @Test
  void acceptsValidBearerTokenFromConnectHeader() {
    String token = token(Algorithm.HMAC256(SECRET), "chatstack", Instant.now().plusSeconds(60));
    assertThat(
            authenticator.authenticate(connect(Map.of("Authorization", "Bearer " + token))).name())
        .isEqualTo("alice");
  }

  @Test
  void acceptsTokenFromPasscodeHandshakeHeaderOrQuery() {
    String token = token(Algorithm.HMAC256(SECRET), "chatstack", Instant.now().plusSeconds(60));
    assertThat(authenticator.authenticate(connect(Map.of("passcode", token))).name())
        .isEqualTo("alice");
    assertThat(
            authenticator
                .authenticate(
                    new AuthenticationRequest(
                        Map.of(),
                        Map.of("authorization", List.of("Bearer " + token)),
                        Map.of(),
                        Optional.empty()))
                .name())
        .isEqualTo("alice");
    assertThat(
            authenticator
                .authenticate(
                    new AuthenticationRequest(
                        Map.of(),
                        Map.of(),
                        Map.of("access_token", List.of(token)),
                        Optional.empty()))
                .name())
        .isEqualTo("alice");
  }

  @Test
  void refusesWrongSignatureExpiredWrongIssuerAndMissingToken() {
    byte[] other = "another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8);
    String forged = token(Algorithm.HMAC256(other), "chatstack", Instant.now().plusSeconds(60));
    String expired =
        token(Algorithm.HMAC256(SECRET), "chatstack", Instant.now().minusSeconds(3600));
    String wrongIssuer = token(Algorithm.HMAC256(SECRET), "evil", Instant.now().plusSeconds(60));
    for (String token : List.of(forged, expired, wrongIssuer, "not-a-jwt")) {
      assertThatThrownBy(
              () -> authenticator.authenticate(connect(Map.of("Authorization", "Bearer " + token))))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageStartingWith("Token rejected");
    }
    assertThatThrownBy(() -> authenticator.authenticate(connect(Map.of("login", "alice"))))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("Authorization: Bearer");
  }

  @Test
  void refusesShortSecret() {
    assertThatThrownBy(() -> JwtAuthenticator.hmacSha256(new byte[8]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String token(Algorithm algorithm, String issuer, Instant expiresAt) {
    return JWT.create()
        .withSubject("alice")
        .withIssuer(issuer)
        .withExpiresAt(expiresAt)
        .sign(algorithm);
  }

  private static AuthenticationRequest connect(Map<String, String> headers) {
    return new AuthenticationRequest(headers, Map.of(), Map.of(), Optional.empty());
  }
}
