package io.chatstack.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.ModerationAction;
import io.chatstack.core.Room;
import io.chatstack.core.RoomVisibility;
import io.chatstack.json.ChatJson;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The OpenAPI document springdoc serves at /v3/api-docs (dev mode): every endpoint the application
 * maps for chatstack is in it, each with its errors as problem JSON, and the errors the server
 * really answers are the documented ones.
 */
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "chatstack.security.authentication=dev",
      "chatstack.rest.requests-per-second=1000"
    })
class OpenApiDocumentIT {
  // No component scan: the other tests' App classes in this package must not leak in.
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired ChatService chat;

  @Test
  void everyMappedEndpointIsInTheDocument() throws Exception {
    JsonNode doc = OpenApiDocs.fetch(port);
    Set<String> endpoints = OpenApiDocs.chatstackEndpoints(context);

    // Not vacuous: rooms (8), presence and read (2), history (2), changes (4), admin (1).
    assertThat(endpoints)
        .hasSizeGreaterThanOrEqualTo(17)
        .contains("PATCH /api/messages/{roomId}/{messageId}");
    Set<String> missing = new TreeSet<>();
    for (String endpoint : endpoints) {
      if (OpenApiDocs.operation(doc, endpoint).isMissingNode()) {
        missing.add(endpoint);
      }
    }
    assertThat(missing).as("endpoints missing from /v3/api-docs").isEmpty();
  }

  @Test
  void everyOperationDocumentsItsErrorsAsProblemJson() throws Exception {
    JsonNode doc = OpenApiDocs.fetch(port);
    JsonNode problem = doc.path("components").path("schemas").path("ChatProblem");
    assertThat(problem.path("properties").has("code")).as(problem.toString()).isTrue();
    assertThat(problem.path("required").toString()).contains("\"code\"");

    List<String> faults = new ArrayList<>();
    for (String endpoint : OpenApiDocs.chatstackEndpoints(context)) {
      JsonNode operation = OpenApiDocs.operation(doc, endpoint);
      int clientErrors = 0;
      for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
        int status = Integer.parseInt(response.getKey());
        if (status < 400) {
          continue;
        }
        clientErrors += status < 500 ? 1 : 0;
        JsonNode media = response.getValue().path("content").path(OpenApiDocs.PROBLEM_JSON);
        if (!OpenApiDocs.PROBLEM_REF.equals(media.path("schema").path("$ref").asText())) {
          faults.add(endpoint + " " + status + ": not problem JSON: " + response.getValue());
        }
        if (media.path("examples").isEmpty()) {
          faults.add(endpoint + " " + status + ": no code example");
        }
        for (Map.Entry<String, JsonNode> example : media.path("examples").properties()) {
          JsonNode value = example.getValue().path("value");
          if (value.path("status").asInt() != status
              || !value.path("code").asText().equals(example.getKey())) {
            faults.add(endpoint + " " + status + ": example " + example);
          }
        }
      }
      if (clientErrors == 0) {
        faults.add(endpoint + ": no 4xx response");
      }
      // Dev mode: a malformed X-Chat-User header is refused on every endpoint.
      if (OpenApiDocs.example(operation, 400, "invalid-username").isMissingNode()) {
        faults.add(endpoint + ": 400 invalid-username of the dev-mode header not documented");
      }
      if (!operation.path("security").toString().contains("chatstackDevUser")) {
        faults.add(endpoint + ": no dev-mode security requirement");
      }
    }
    assertThat(faults).isEmpty();
    JsonNode scheme = doc.path("components").path("securitySchemes").path("chatstackDevUser");
    assertThat(scheme.path("in").asText()).isEqualTo("header");
    assertThat(scheme.path("name").asText()).isEqualTo("X-Chat-User");
  }

  /** Each refusal the server really gives is documented with its status and code. */
  @Test
  void theErrorsTheServerAnswersAreDocumented() throws Exception {
    JsonNode doc = OpenApiDocs.fetch(port);
    DevRestCalls rest = new DevRestCalls(port);
    Room room = chat.createRoom("docs", "dana", RoomVisibility.PUBLIC);
    chat.join(room.id(), "eve");
    ChatMessage danas = chat.send(room.id(), "dana", "hi").join();
    long id = room.id();

    List<String> undocumented = new ArrayList<>();
    record Case(String endpoint, HttpResponse<String> response) {}
    ChatMessage eves = chat.send(room.id(), "eve", "hello").join();
    List<Case> cases =
        new ArrayList<>(
            List.of(
                new Case("GET /api/rooms", rest.call("GET", "/api/rooms", "x".repeat(500), null)),
                new Case(
                    "GET /api/rooms/{roomId}", rest.call("GET", "/api/rooms/987654", null, null)),
                new Case("GET /api/rooms/{roomId}", rest.call("GET", "/api/rooms/abc", null, null)),
                new Case(
                    "POST /api/rooms", rest.call("POST", "/api/rooms", "eve", "{\"roomName\":1}")),
                new Case(
                    "POST /api/rooms",
                    rest.call(
                        "POST", "/api/rooms", "eve", "{\"roomName\":\"a\",\"creator\":\"dana\"}")),
                new Case(
                    "GET /api/rooms/user/{username}",
                    rest.call("GET", "/api/rooms/user/dana", "eve", null)),
                new Case(
                    "GET /api/rooms/{roomId}/presence",
                    rest.call("GET", "/api/rooms/" + id + "/presence", null, null)),
                new Case(
                    "PUT /api/rooms/{roomId}/read",
                    rest.call("PUT", "/api/rooms/" + id + "/read", "mallory", "{\"seq\":0}")),
                new Case(
                    "GET /api/messages/{roomId}",
                    rest.call("GET", "/api/messages/" + id + "?limit=0", "dana", null)),
                new Case(
                    "PATCH /api/messages/{roomId}/{messageId}",
                    rest.call(
                        "PATCH",
                        "/api/messages/" + id + "/no-such-id",
                        "dana",
                        "{\"content\":\"x\"}")),
                new Case(
                    "PATCH /api/messages/{roomId}/{messageId}",
                    rest.call(
                        "PATCH",
                        "/api/messages/" + id + "/" + danas.id(),
                        "eve",
                        "{\"content\":\"x\"}")),
                new Case(
                    "POST /api/rooms/{roomId}/moderation",
                    rest.call(
                        "POST",
                        "/api/rooms/" + id + "/moderation",
                        "eve",
                        "{\"action\":\"kick\",\"username\":\"dana\"}")),
                new Case(
                    "POST /api/rooms/{roomId}/moderation",
                    rest.call(
                        "POST",
                        "/api/rooms/" + id + "/moderation",
                        "dana",
                        "{\"action\":\"slap\",\"username\":\"eve\"}")),
                new Case(
                    "POST /api/rooms/{roomId}/moderation",
                    rest.call(
                        "POST",
                        "/api/rooms/" + id + "/moderation",
                        "dana",
                        "{\"action\":\"ban\",\"username\":\"eve\",\"until\":\"soon\"}")),
                new Case(
                    "PUT /api/rooms/{roomId}/roles/{username}",
                    rest.call(
                        "PUT", "/api/rooms/" + id + "/roles/eve", "dana", "{\"role\":\"OWNER\"}")),
                new Case(
                    "PATCH /api/rooms/{roomId}",
                    rest.call("PATCH", "/api/rooms/" + id, "eve", "{\"roomName\":\"mine\"}")),
                new Case(
                    "DELETE /api/rooms/{roomId}",
                    rest.call("DELETE", "/api/rooms/" + id, "eve", null)),
                new Case(
                    "GET /api/rooms/{roomId}/restrictions",
                    rest.call("GET", "/api/rooms/" + id + "/restrictions", "eve", null)),
                new Case(
                    "DELETE /api/admin/users/{username}/messages",
                    rest.call("DELETE", "/api/admin/users/dana/messages", "dana", null))));
    // Muted, eve may not edit her message or react.
    chat.moderation()
        .moderate(id, "dana", io.chatstack.core.ModerationRequest.of(ModerationAction.MUTE, "eve"));
    String eveMessage = "/api/messages/" + id + "/" + eves.id();
    cases.add(
        new Case(
            "PATCH /api/messages/{roomId}/{messageId}",
            rest.call("PATCH", eveMessage, "eve", "{\"content\":\"x\"}")));
    cases.add(
        new Case(
            "PUT /api/messages/{roomId}/{messageId}/reactions/{emoji}",
            rest.call("PUT", eveMessage + "/reactions/%F0%9F%91%8D", "eve", null)));
    cases.add(
        new Case(
            "DELETE /api/messages/{roomId}/{messageId}/reactions/{emoji}",
            rest.call("DELETE", eveMessage + "/reactions/%F0%9F%91%8D", "eve", null)));
    for (Case c : cases) {
      int status = c.response().statusCode();
      assertThat(status).as(c.endpoint() + " " + c.response().body()).isBetween(400, 499);
      String code = ChatJson.mapper().readTree(c.response().body()).path("code").asText();
      if (OpenApiDocs.example(OpenApiDocs.operation(doc, c.endpoint()), status, code)
          .isMissingNode()) {
        undocumented.add(c.endpoint() + " answered " + status + " " + code);
      }
    }
    assertThat(undocumented).isEmpty();
  }
}
