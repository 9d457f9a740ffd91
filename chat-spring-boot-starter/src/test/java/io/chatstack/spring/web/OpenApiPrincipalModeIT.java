package io.chatstack.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Mode principal (the default): /v3/api-docs is reachable without a principal, /api/** is not; the
 * host's authentication is the host's to document, so chatstack adds no security scheme.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiPrincipalModeIT {
  // No component scan: the other tests' App classes in this package must not leak in.
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @Test
  void theDocumentIsPublicAndEveryOperationDocumentsItsRefusal() throws Exception {
    JsonNode doc = OpenApiDocs.fetch(port);
    assertThat(OpenApiDocs.get(port, "/api/rooms").statusCode()).isEqualTo(401);
    assertThat(doc.path("components").path("securitySchemes").isMissingNode()).isTrue();

    List<String> faults = new ArrayList<>();
    for (String endpoint : OpenApiDocs.chatstackEndpoints(context)) {
      JsonNode operation = OpenApiDocs.operation(doc, endpoint);
      if (OpenApiDocs.example(operation, 401, "unauthenticated").isMissingNode()) {
        faults.add(endpoint + ": 401 unauthenticated not documented");
      }
      if (operation.has("security")) {
        faults.add(endpoint + ": security " + operation.path("security"));
      }
    }
    assertThat(faults).isEmpty();
  }
}
