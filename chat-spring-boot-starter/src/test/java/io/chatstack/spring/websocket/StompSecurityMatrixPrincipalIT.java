package io.chatstack.spring.websocket;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The STOMP security matrix in principal mode (the default): the host authenticates the handshake,
 * here a servlet filter that trusts an {@code X-Test-User} header as Spring Security would trust a
 * session; tokens mean nothing to chatstack in this mode, so every bad credential is "no user".
 */
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"chatstack.websocket.allowed-origins=*"})
class StompSecurityMatrixPrincipalIT extends StompSecurityMatrix {

  @SpringBootApplication
  static class App {
    @Bean
    Filter testAuthentication() {
      return (request, response, chain) -> {
        String user = ((HttpServletRequest) request).getHeader("X-Test-User");
        chain.doFilter(
            user == null
                ? request
                : new HttpServletRequestWrapper((HttpServletRequest) request) {
                  @Override
                  public Principal getUserPrincipal() {
                    return () -> user;
                  }
                },
            response);
      };
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
