package io.chatstack.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatService;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Dev mode counts REST changes per client address, whatever user a request names (any name is
 * trusted there, so a name must not buy a new allowance).
 */
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"chatstack.security.authentication=dev", "chatstack.rest.requests-per-second=3"})
class DevModeRateLimitIT {
  // No component scan: the other tests' App classes in this package must not leak in.
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @LocalServerPort int port;
  private DevRestCalls rest;
  @Autowired ChatService chat;

  private HttpResponse<String> call(String method, String path, String user, String json)
      throws Exception {
    if (rest == null) {
      rest = new DevRestCalls(port); // the port is injected after construction
    }
    return rest.call(method, path, user, json);
  }

  private static String code(HttpResponse<String> response) throws Exception {
    return DevRestCalls.code(response);
  }

  @Test
  void changesAreRateLimitedPerClientAddressWhateverUserTheyName() throws Exception {
    int limited = 0;
    for (int i = 0; i < 8; i++) {
      // anonymous, named in the body, and named in the header: one address, one allowance
      String user = i % 2 == 0 ? null : "u" + i;
      HttpResponse<String> r =
          call("POST", "/api/rooms", user, "{\"roomName\":\"a\",\"creator\":\"u" + i + "\"}");
      if (r.statusCode() == 429) {
        limited++;
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(code(r)).isEqualTo("rate-limited");
      } else {
        assertThat(r.statusCode()).isEqualTo(201);
      }
    }
    assertThat(limited).isGreaterThan(0);
  }
}
