package io.chatstack.spring.websocket;

import io.chatstack.spring.web.TestPrincipalFilter;
import jakarta.servlet.Filter;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The STOMP security matrix in principal mode (the default): the host authenticates the handshake,
 * here {@link TestPrincipalFilter}, which trusts an {@code X-Test-User} header as Spring Security
 * would trust a session; tokens mean nothing to chatstack in this mode, so every bad credential is
 * "no user".
 */
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"chatstack.websocket.allowed-origins=*"})
class StompSecurityMatrixPrincipalIT extends StompSecurityMatrix {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    FilterRegistrationBean<Filter> testAuthentication() {
      return TestPrincipalFilter.registration();
    }
  }

  @Override
  Map<String, String> handshake(Credential credential, String user) {
    return switch (credential) {
      case VALID -> Map.of("X-Test-User", user);
      case NONE -> Map.of();
      default -> Map.of("Authorization", "Bearer " + credential.name().toLowerCase());
    };
  }

  @Override
  String[] connectHeaders(Credential credential, String user) {
    return credential == Credential.VALID ? new String[0] : new String[] {"login", user};
  }
}
