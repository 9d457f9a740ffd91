package io.chatstack.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.json.ChatJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The OpenAPI document as a client fetches it, and the endpoints the application really maps. */
final class OpenApiDocs {
  static final String PROBLEM_REF = "#/components/schemas/ChatProblem";
  static final String PROBLEM_JSON = "application/problem+json";

  private OpenApiDocs() {}

  /** GET {@code path} without any credentials. */
  static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** /v3/api-docs, fetched without credentials; fails unless it is answered with 200. */
  static JsonNode fetch(int port) throws Exception {
    HttpResponse<String> response = get(port, "/v3/api-docs");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return ChatJson.mapper().readTree(response.body());
  }

  /**
   * Every "METHOD /path" of chatstack's controllers in the application's request mappings: what the
   * document must contain, whatever the controllers declare.
   */
  static Set<String> chatstackEndpoints(ApplicationContext context) {
    Set<String> endpoints = new TreeSet<>();
    for (RequestMappingHandlerMapping mapping :
        context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
      for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
          mapping.getHandlerMethods().entrySet()) {
        if (!entry.getValue().getBeanType().getName().startsWith("io.chatstack.")) {
          continue;
        }
        Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
        assertThat(methods).as("methods of " + entry.getValue()).isNotEmpty();
        for (String path : entry.getKey().getPatternValues()) {
          for (RequestMethod method : methods) {
            endpoints.add(method.name() + " " + path);
          }
        }
      }
    }
    return endpoints;
  }

  /** The operation of "METHOD /path" in the document (a missing node when absent). */
  static JsonNode operation(JsonNode doc, String endpoint) {
    String[] parts = endpoint.split(" ", 2);
    return doc.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT));
  }

  /** The problem JSON example named {@code code} of the operation's response {@code status}. */
  static JsonNode example(JsonNode operation, int status, String code) {
    return operation
        .path("responses")
        .path(Integer.toString(status))
        .path("content")
        .path(PROBLEM_JSON)
        .path("examples")
        .path(code);
  }
}
