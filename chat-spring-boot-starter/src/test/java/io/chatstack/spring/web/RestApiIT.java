package io.chatstack.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.core.ChatService;
import io.chatstack.json.ChatJson;
import io.chatstack.spring.web.internal.MessageController;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/** The REST API of DESIGN.md §6 over real HTTP against an embedded Tomcat. */
// Closed right after the class: its backends (in-process Kafka, ...) must not stop only at JVM
// exit.
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "chatstack.security.authentication=dev",
      "chatstack.rest.allowed-origins=http://localhost:3000"
    })
class RestApiIT {
  // No component scan: the other tests' App classes in this package must not leak in.
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @LocalServerPort int port;
  @Autowired ChatService chat;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> call(String method, String path, String json) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return ChatJson.mapper().readTree(response.body());
  }

  @Test
  void roomsParticipantsAndHistory() throws Exception {
    HttpResponse<String> created =
        call("POST", "/api/rooms", "{\"roomName\":\"general\",\"creator\":\"alice\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    long id = json(created).get("id").asLong();
    assertThat(json(created).get("participants").toString()).isEqualTo("[\"alice\"]");

    assertThat(
            call("POST", "/api/rooms/" + id + "/participants", "{\"username\":\"bob\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(json(call("GET", "/api/rooms/" + id, null)).get("participants").toString())
        .isEqualTo("[\"alice\",\"bob\"]");
    assertThat(json(call("GET", "/api/rooms/user/bob", null)).findValuesAsText("name"))
        .containsExactly("general");
    assertThat(json(call("GET", "/api/rooms", null)).findValuesAsText("name")).contains("general");

    for (int i = 0; i < 5; i++) {
      chat.send(id, "bob", "m" + i).join();
    }
    HttpResponse<String> recent = call("GET", "/api/messages/" + id + "/recent?limit=3", null);
    assertThat(json(recent).findValuesAsText("content")).containsExactly("m2", "m3", "m4");
    assertThat(recent.headers().firstValue(MessageController.HAS_MORE)).contains("true");
    long oldestSeq = json(recent).get(0).get("seq").asLong();
    HttpResponse<String> older =
        call("GET", "/api/messages/" + id + "?beforeSeq=" + oldestSeq + "&limit=10", null);
    assertThat(json(older).findValuesAsText("type"))
        .containsExactly("JOIN", "JOIN", "CHAT", "CHAT");
    assertThat(json(older).get(0).get("timestamp").asText()).endsWith("Z");
    assertThat(older.headers().firstValue(MessageController.HAS_MORE)).contains("false");

    assertThat(call("DELETE", "/api/rooms/" + id + "/participants/bob", null).statusCode())
        .isEqualTo(200);
    assertThat(json(call("GET", "/api/rooms/" + id, null)).get("participants").toString())
        .isEqualTo("[\"alice\"]");
  }

  @Test
  void errorsAreJsonWithAStatusAndACode() throws Exception {
    int roomsBefore = chat.rooms().size();
    assertProblem(call("GET", "/api/rooms/987654", null), 404, "room-not-found");
    assertProblem(
        call("POST", "/api/rooms", "{\"roomName\":\" \",\"creator\":\"a\"}"),
        400,
        "invalid-room-name");
    assertProblem(call("POST", "/api/rooms", "{\"roomName\":\"x\"}"), 400, "invalid-username");
    assertProblem(call("POST", "/api/rooms", "{not json"), 400, "invalid-json");
    assertProblem(call("GET", "/api/rooms/abc", null), 400, "invalid-parameter");
    assertProblem(call("GET", "/api/messages/987654/recent", null), 404, "room-not-found");
    long id = chat.createRoom("r", "alice").id();
    assertProblem(call("GET", "/api/messages/" + id + "?limit=0", null), 400, "invalid-query");
    assertProblem(call("GET", "/api/messages/" + id + "?limit=100000", null), 400, "invalid-query");
    assertThat(chat.rooms()).hasSize(roomsBefore + 1);
  }

  @Test
  void browsersFromAllowedOriginsMayCallTheApi() throws Exception {
    HttpResponse<String> preflight =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/rooms"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
        .contains("http://localhost:3000");
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/rooms"))
                .header("Origin", "http://localhost:3000")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(get.headers().firstValue("Access-Control-Expose-Headers"))
        .hasValueSatisfying(h -> assertThat(h).contains(MessageController.HAS_MORE));
    HttpResponse<String> other =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/rooms"))
                .header("Origin", "http://evil.example")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(other.statusCode()).isEqualTo(403);
    // The /api filter's own refusals carry the CORS headers too, so the browser can read them.
    HttpResponse<String> tooLarge =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/rooms"))
                .header("Origin", "http://localhost:3000")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"roomName\":\"" + "x".repeat(70_000) + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.headers().firstValue("Access-Control-Allow-Origin"))
        .contains("http://localhost:3000");
  }

  private static void assertProblem(HttpResponse<String> response, int status, String code)
      throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).contains("json"));
    JsonNode body = json(response);
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("code").asText()).isEqualTo(code);
    assertThat(body.get("detail").asText()).isNotBlank();
  }
}
