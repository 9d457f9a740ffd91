package io.chatstack.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.json.ChatJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Mode jwt: /v3/api-docs is reachable without a token, /api/** still is not, and the document says
 * so: a bearer JWT scheme on every chatstack operation, each with its 401.
 */
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "chatstack.security.authentication=jwt",
      "chatstack.security.jwt.secret=" + TestTokens.SECRET,
      "chatstack.security.jwt.issuer=" + TestTokens.ISSUER,
      "chatstack.security.jwt.audience=" + TestTokens.AUDIENCE
    })
class OpenApiJwtModeIT {
  // No component scan: the other tests' App classes in this package must not leak in.
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @Test
  void theDocumentNeedsNoTokenAndTheApiStillDoes() throws Exception {
    HttpResponse<String> json = OpenApiDocs.get(port, "/v3/api-docs");
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(OpenApiDocs.get(port, "/v3/api-docs.yaml").statusCode()).isEqualTo(200);

    HttpResponse<String> rooms = OpenApiDocs.get(port, "/api/rooms");
    assertThat(rooms.statusCode()).isEqualTo(401);
    assertThat(ChatJson.mapper().readTree(rooms.body()).path("code").asText())
        .isEqualTo("unauthenticated");
    HttpResponse<String> erase =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/admin/users/dana/messages"))
                    .DELETE()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(erase.statusCode()).isEqualTo(401);
  }

  @Test
  void everyOperationRequiresTheBearerTokenAndDocumentsItsRefusal() throws Exception {
    JsonNode doc = OpenApiDocs.fetch(port);
    JsonNode schemes = doc.path("components").path("securitySchemes");
    assertThat(schemes.path("chatstackBearer").path("type").asText()).isEqualTo("http");
    assertThat(schemes.path("chatstackBearer").path("scheme").asText()).isEqualTo("bearer");
    assertThat(schemes.path("chatstackBearer").path("bearerFormat").asText()).isEqualTo("JWT");
    assertThat(schemes.has("chatstackDevUser")).isFalse();

    List<String> faults = new ArrayList<>();
    for (String endpoint : OpenApiDocs.chatstackEndpoints(context)) {
      JsonNode operation = OpenApiDocs.operation(doc, endpoint);
      if (!operation.path("security").toString().equals("[{\"chatstackBearer\":[]}]")) {
        faults.add(endpoint + ": security " + operation.path("security"));
      }
      if (OpenApiDocs.example(operation, 401, "unauthenticated").isMissingNode()) {
        faults.add(endpoint + ": 401 unauthenticated not documented");
      }
    }
    assertThat(faults).isEmpty();
  }
}
