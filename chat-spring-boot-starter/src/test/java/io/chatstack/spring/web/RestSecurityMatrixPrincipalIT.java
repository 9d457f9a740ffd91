package io.chatstack.spring.web;

import jakarta.servlet.Filter;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

/**
 * {@link RestSecurityMatrix} in the default mode principal: the host authenticates (here {@link
 * TestPrincipalFilter}); tokens mean nothing to chatstack, so every bad credential is "no
 * principal".
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RestSecurityMatrixPrincipalIT extends RestSecurityMatrix {
  // No component scan: the other tests' App classes in this package must not leak in.
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    FilterRegistrationBean<Filter> testAuthentication() {
      return TestPrincipalFilter.registration();
    }
  }

  @Override
  Map<String, String> credentials(Credential credential, String user) {
    return switch (credential) {
      case NONE -> Map.of();
      case MALFORMED -> Map.of("Authorization", "Bearer not.a-jwt");
      case EXPIRED -> Map.of("Authorization", "Bearer " + TestTokens.expired(user));
      case WRONGLY_SIGNED -> Map.of("Authorization", "Bearer " + TestTokens.wronglySigned(user));
      default -> Map.of("X-Test-User", user);
    };
  }

  @Override
  Map<String, String> adminCredentials(String user) {
    return Map.of("X-Test-User", user, "X-Test-Authorities", "ROLE_USER,CHATSTACK_ADMIN");
  }

  @Override
  boolean bearer() {
    return false;
  }
}
