package io.chatstack.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.core.ChatService;
import io.chatstack.core.Room;
import io.chatstack.core.RoomVisibility;
import io.chatstack.json.ChatJson;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Dev mode: a request naming no user reads public rooms only (seed-compatible); one naming its user
 * in {@code X-Chat-User} is held to the same rules as jwt and principal (rate limits:
 * DevModeRateLimitIT).
 */
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "chatstack.security.authentication=dev",
      "chatstack.rest.requests-per-second=1000"
    })
class DevModeRestIT {
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
  void anonymousCallersSeePublicRoomsOnlyAndNamedOnesFollowTheRules() throws Exception {
    Room open = chat.createRoom("dev-open", "dana", RoomVisibility.PUBLIC);
    Room secret = chat.createRoom("dev-secret", "dana", RoomVisibility.PRIVATE);
    chat.send(open.id(), "dana", "hi").join();

    JsonNode anonymousList =
        ChatJson.mapper().readTree(call("GET", "/api/rooms", null, null).body());
    assertThat(anonymousList.findValuesAsText("name"))
        .contains("dev-open")
        .doesNotContain("dev-secret");
    assertThat(call("GET", "/api/rooms/" + secret.id(), null, null).statusCode()).isEqualTo(404);
    assertThat(call("GET", "/api/messages/" + secret.id(), null, null).statusCode()).isEqualTo(404);
    assertThat(call("GET", "/api/rooms/" + secret.id() + "/participants", null, null).statusCode())
        .isEqualTo(404);
    // As chatstack 0.1 answered: public history without a membership check.
    assertThat(call("GET", "/api/messages/" + open.id() + "/recent", null, null).statusCode())
        .isEqualTo(200);

    JsonNode danasList = ChatJson.mapper().readTree(call("GET", "/api/rooms", "dana", null).body());
    assertThat(danasList.findValuesAsText("name")).contains("dev-open", "dev-secret");
    assertThat(call("GET", "/api/rooms/" + secret.id(), "dana", null).statusCode()).isEqualTo(200);
    HttpResponse<String> strangerHistory = call("GET", "/api/messages/" + open.id(), "eve", null);
    assertThat(strangerHistory.statusCode()).isEqualTo(403);
    assertThat(code(strangerHistory)).isEqualTo("not-participant");
    HttpResponse<String> spoofed =
        call("POST", "/api/rooms", "eve", "{\"roomName\":\"x\",\"creator\":\"dana\"}");
    assertThat(spoofed.statusCode()).isEqualTo(403);
    assertThat(code(spoofed)).isEqualTo("identity-mismatch");
    HttpResponse<String> othersRooms = call("GET", "/api/rooms/user/dana", "eve", null);
    assertThat(othersRooms.statusCode()).isEqualTo(403);
    assertThat(code(othersRooms)).isEqualTo("forbidden");
    HttpResponse<String> nobody =
        call("POST", "/api/rooms/direct", null, "{\"username\":\"dana\"}");
    assertThat(nobody.statusCode()).isEqualTo(400);
    assertThat(code(nobody)).isEqualTo("invalid-username");
    HttpResponse<String> badName = call("GET", "/api/rooms", "bad user!", null);
    assertThat(badName.statusCode()).isEqualTo(400);
    assertThat(code(badName)).isEqualTo("invalid-username");
    assertThat(chat.room(secret.id()).participants()).containsExactly("dana");
  }
}
