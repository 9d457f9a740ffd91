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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  @ParameterizedTest
  @ValueSource(strings = {"x' OR 1=1 --", "<b>bi</b>", "bad user!", "\u0430lice", ""})
  void refusesSubjectsBreakingTheUserNameRule(String subject) {
    String token = token(subject);
    assertThatThrownBy(
            () -> authenticator.authenticate(connect(Map.of("Authorization", "Bearer " + token))))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageStartingWith("Token claim 'sub': User name");
  }

  @Test
  void refusesSubjectLongerThanTheConfiguredMaximum() {
    String token = token("a".repeat(65));
    assertThatThrownBy(
            () -> authenticator.authenticate(connect(Map.of("Authorization", "Bearer " + token))))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("maximum is 64");
    JwtAuthenticator longer =
        JwtAuthenticator.hmacSha256(SECRET).issuer("chatstack").maxUsernameLength(80).build();
    assertThat(longer.authenticate(connect(Map.of("passcode", token))).name())
        .isEqualTo("a".repeat(65));
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice", "Jos\u00e9", "\u5c71\u7530", "bob.smith@example.com"})
  void acceptsSubjectsFollowingTheUserNameRule(String subject) {
    assertThat(authenticator.authenticate(connect(Map.of("passcode", token(subject)))).name())
        .isEqualTo(subject);
  }

  @Test
  void refusesTokensWhoseAlgHeaderIsNotTheConfiguredAlgorithm() {
    String none = JWT.create().withSubject("alice").withIssuer("chatstack").sign(Algorithm.none());
    String hs384 =
        JWT.create().withSubject("alice").withIssuer("chatstack").sign(Algorithm.HMAC384(SECRET));
    for (String token : List.of(none, hs384)) {
      assertThatThrownBy(() -> authenticator.authenticate(connect(Map.of("passcode", token))))
          .isInstanceOf(AuthenticationException.class)
          .hasMessage(
              "Token rejected: algorithm '%s' is not accepted; sign with HS256",
              JWT.decode(token).getAlgorithm());
    }
  }

  @Test
  void refusesShortSecret() {
    assertThatThrownBy(() -> JwtAuthenticator.hmacSha256(new byte[8]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String token(String subject) {
    return JWT.create()
        .withSubject(subject)
        .withIssuer("chatstack")
        .withExpiresAt(Instant.now().plusSeconds(60))
        .sign(Algorithm.HMAC256(SECRET));
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
