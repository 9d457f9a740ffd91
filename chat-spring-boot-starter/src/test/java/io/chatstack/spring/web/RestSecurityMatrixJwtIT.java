package io.chatstack.spring.web;

import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** {@link RestSecurityMatrix} with bearer tokens (mode jwt, issuer and audience checked). */
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "chatstack.security.authentication=jwt",
      "chatstack.security.jwt.secret=" + TestTokens.SECRET,
      "chatstack.security.jwt.issuer=" + TestTokens.ISSUER,
      "chatstack.security.jwt.audience=" + TestTokens.AUDIENCE
    })
class RestSecurityMatrixJwtIT extends RestSecurityMatrix {
  // No component scan: the other tests' App classes in this package must not leak in.
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @Override
  Map<String, String> credentials(Credential credential, String user) {
    return switch (credential) {
      case NONE -> Map.of();
      case MALFORMED -> Map.of("Authorization", "Bearer not.a-jwt");
      case EXPIRED -> Map.of("Authorization", "Bearer " + TestTokens.expired(user));
      case WRONGLY_SIGNED -> Map.of("Authorization", "Bearer " + TestTokens.wronglySigned(user));
      default -> Map.of("Authorization", "Bearer " + TestTokens.valid(user));
    };
  }

  @Override
  Map<String, String> adminCredentials(String user) {
    return Map.of("Authorization", "Bearer " + TestTokens.withRoles(user, "CHATSTACK_ADMIN"));
  }

  @Override
  boolean bearer() {
    return true;
  }
}
