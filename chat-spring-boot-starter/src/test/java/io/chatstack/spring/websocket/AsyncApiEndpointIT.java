package io.chatstack.spring.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code GET /asyncapi.yaml} answers, without credentials and in every authentication mode, the
 * bytes of the repository's {@code docs/asyncapi.yaml}, while {@code /api/**} still asks for
 * credentials where the mode does.
 */
class AsyncApiEndpointIT {
  // No component scan: the other tests' App classes in this package must not leak in.
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  private final HttpClient http = HttpClient.newHttpClient();

  @ParameterizedTest(name = "mode {0}")
  @CsvSource({"dev, 200", "jwt, 401", "principal, 401"})
  void theDocumentIsServedWithoutCredentialsInEveryMode(String mode, int anonymousRestStatus)
      throws Exception {
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(App.class)
            .properties(
                "server.port=0",
                "chatstack.security.authentication=" + mode,
                "chatstack.security.jwt.secret=asyncapi-test-secret-of-32-characters-at-least")
            .run()) {
      String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");

      HttpResponse<byte[]> document = get(base + ChatAsyncApiAutoConfiguration.PATH);

      assertThat(document.statusCode()).isEqualTo(200);
      assertThat(document.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/yaml"));
      Path source = Path.of(System.getProperty("basedir", "."), "..", "docs", "asyncapi.yaml");
      assertThat(document.body()).isEqualTo(Files.readAllBytes(source));
      // The mode is in force: REST without credentials is refused where the mode requires them.
      assertThat(get(base + "/api/rooms").statusCode()).isEqualTo(anonymousRestStatus);
    }
  }

  private HttpResponse<byte[]> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
