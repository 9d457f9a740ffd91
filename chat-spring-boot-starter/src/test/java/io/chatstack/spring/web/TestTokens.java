package io.chatstack.spring.web;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Duration;
import java.time.Instant;

/** HMAC-SHA256 tokens for tests, minted with auth0 java-jwt as an identity provider would. */
final class TestTokens {
  static final String SECRET = "test-secret-of-at-least-32-characters!";
  static final String ISSUER = "https://id.example";
  static final String AUDIENCE = "chatstack";

  private TestTokens() {}

  static String valid(String user) {
    return sign(user, Instant.now().plus(Duration.ofMinutes(5)), SECRET);
  }

  /** A valid token whose {@code roles} claim lists {@code roles}. */
  static String withRoles(String user, String... roles) {
    return JWT.create()
        .withSubject(user)
        .withIssuer(ISSUER)
        .withAudience(AUDIENCE)
        .withExpiresAt(Instant.now().plus(Duration.ofMinutes(5)))
        .withArrayClaim("roles", roles)
        .sign(Algorithm.HMAC256(SECRET));
  }

  static String expired(String user) {
    return sign(user, Instant.now().minus(Duration.ofMinutes(10)), SECRET);
  }

  static String wronglySigned(String user) {
    return sign(
        user, Instant.now().plus(Duration.ofMinutes(5)), "another-secret-of-32-characters-or-more");
  }

  private static String sign(String user, Instant expiresAt, String secret) {
    return JWT.create()
        .withSubject(user)
        .withIssuer(ISSUER)
        .withAudience(AUDIENCE)
        .withExpiresAt(expiresAt)
        .sign(Algorithm.HMAC256(secret));
  }
}
