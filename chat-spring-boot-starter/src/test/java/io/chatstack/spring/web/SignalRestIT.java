package io.chatstack.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.ReadState;
import io.chatstack.core.Room;
import io.chatstack.core.RoomVisibility;
import io.chatstack.core.Subscription;
import io.chatstack.json.ChatJson;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Presence and read state over REST (GET /api/rooms/{id}/presence, PUT /api/rooms/{id}/read, and
 * the read state in GET /api/rooms/user/{username}) against the real application on an embedded
 * Tomcat, in dev mode (the caller in X-Chat-User or, for PUT .../read, the body's username). The
 * refusals of every credential in jwt and principal mode: RestSecurityMatrix.
 */
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "chatstack.security.authentication=dev",
      "chatstack.rest.requests-per-second=1000",
      "chatstack.presence.grace=0s"
    })
class SignalRestIT {
  // No component scan: the other tests' App classes in this package must not leak in.
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @LocalServerPort int port;
  @Autowired ChatService chat;
  private DevRestCalls rest;

  private HttpResponse<String> call(String method, String path, String user, String json)
      throws Exception {
    if (rest == null) {
      rest = new DevRestCalls(port); // the port is injected after construction
    }
    return rest.call(method, path, user, json);
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return ChatJson.mapper().readTree(response.body());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode entry(JsonNode list, long roomId) {
    for (JsonNode entry : list) {
      if (entry.path("id").asLong() == roomId) {
        return entry;
      }
    }
    throw new AssertionError("room " + roomId + " not in " + list);
  }

  @Test
  void markingReadAnswersTheStateAndTheRoomListCarriesIt() throws Exception {
    Room room = chat.createRoom("reads", "alice");
    chat.join(room.id(), "bob");
    ChatMessage first = chat.send(room.id(), "alice", "one").join();
    ChatMessage second = chat.send(room.id(), "alice", "two").join();
    chat.send(room.id(), "alice", "three").join();
    ChatMessage own = chat.send(room.id(), "bob", "mine").join();

    HttpResponse<String> before = call("GET", "/api/rooms/user/bob", "bob", null);
    assertThat(before.statusCode()).isEqualTo(200);
    JsonNode listed = entry(json(before), room.id());
    assertThat(fieldNames(listed))
        .containsExactlyInAnyOrder(
            "id",
            "name",
            "createdBy",
            "createdAt",
            "visibility",
            "participantCount",
            "lastReadSeq",
            "unreadCount",
            "role");
    assertThat(listed.path("role").asText()).isEqualTo("MEMBER");
    assertThat(listed.path("name").asText()).isEqualTo("reads");
    assertThat(listed.path("createdBy").asText()).isEqualTo("alice");
    assertThat(listed.path("visibility").asText()).isEqualTo("PUBLIC");
    assertThat(listed.path("participantCount").asInt()).isEqualTo(2);
    // Bob's JOIN counts as read: alice's three messages are unread, his own is not.
    assertThat(listed.path("lastReadSeq").asLong()).isLessThan(first.seq());
    assertThat(listed.path("unreadCount").asLong()).isEqualTo(3);

    // Dev mode without a header: the body names the reader.
    HttpResponse<String> marked =
        call(
            "PUT",
            "/api/rooms/" + room.id() + "/read",
            null,
            "{\"seq\":" + second.seq() + ",\"username\":\"bob\"}");
    assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);
    assertThat(json(marked))
        .isEqualTo(
            ChatJson.mapper()
                .readTree(
                    "{\"roomId\":"
                        + room.id()
                        + ",\"lastReadSeq\":"
                        + second.seq()
                        + ",\"unreadCount\":1}"));

    // Never back.
    HttpResponse<String> older =
        call("PUT", "/api/rooms/" + room.id() + "/read", "bob", "{\"seq\":" + first.seq() + "}");
    assertThat(older.statusCode()).isEqualTo(200);
    assertThat(json(older).path("lastReadSeq").asLong()).isEqualTo(second.seq());
    assertThat(json(older).path("unreadCount").asLong()).isEqualTo(1);

    // Never beyond the newest message.
    HttpResponse<String> beyond =
        call(
            "PUT",
            "/api/rooms/" + room.id() + "/read",
            "bob",
            "{\"seq\":" + (own.seq() + 1000) + "}");
    assertThat(json(beyond).path("lastReadSeq").asLong()).isEqualTo(own.seq());
    assertThat(json(beyond).path("unreadCount").asLong()).isZero();

    JsonNode after = entry(json(call("GET", "/api/rooms/user/bob", "bob", null)), room.id());
    assertThat(after.path("lastReadSeq").asLong()).isEqualTo(own.seq());
    assertThat(after.path("unreadCount").asLong()).isZero();
    assertThat(chat.readStates().state(room.id(), "bob").lastReadSeq()).isEqualTo(own.seq());
  }

  @Test
  void aBadSeqIsRefusedWithInvalidSeqAndChangesNothing() throws Exception {
    Room room = chat.createRoom("bad-seq", "carol");
    ChatMessage said = chat.send(room.id(), "carol", "hi").join();
    chat.join(room.id(), "dave");
    chat.send(room.id(), "carol", "unread").join();
    ReadState before = chat.readStates().state(room.id(), "dave");
    String path = "/api/rooms/" + room.id() + "/read";

    for (String body :
        List.of(
            "{}",
            "{\"seq\":null}",
            "{\"seq\":\"" + said.seq() + "\"}",
            "{\"seq\":1.5}",
            "{\"seq\":true}",
            "{\"seq\":-2}",
            "{\"seq\":123456789012345678901234567890}")) {
      HttpResponse<String> refused = call("PUT", path, "dave", body);
      assertThat(refused.statusCode()).as(body).isEqualTo(400);
      assertThat(DevRestCalls.code(refused)).as(body).isEqualTo("invalid-seq");
      assertThat(json(refused).path("status").asInt()).isEqualTo(400);
    }
    HttpResponse<String> notJson = call("PUT", path, "dave", "seq=1");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(DevRestCalls.code(notJson)).isEqualTo("invalid-json");

    assertThat(chat.readStates().state(room.id(), "dave")).isEqualTo(before);
    assertThat(before.unreadCount()).isEqualTo(1);
    // -1 is a valid seq: "nothing read", which never moves the state back.
    HttpResponse<String> nothing = call("PUT", path, "dave", "{\"seq\":-1}");
    assertThat(nothing.statusCode()).isEqualTo(200);
    assertThat(json(nothing).path("lastReadSeq").asLong()).isEqualTo(before.lastReadSeq());
  }

  @Test
  void onlyParticipantsMarkReadAsThemselves() throws Exception {
    Room open = chat.createRoom("open-reads", "erin");
    Room secret = chat.createRoom("secret-reads", "erin", RoomVisibility.PRIVATE);
    chat.send(open.id(), "erin", "hi").join();
    String body = "{\"seq\":100}";

    HttpResponse<String> stranger = call("PUT", "/api/rooms/" + open.id() + "/read", "eve", body);
    assertThat(stranger.statusCode()).isEqualTo(403);
    assertThat(DevRestCalls.code(stranger)).isEqualTo("not-participant");
    HttpResponse<String> hidden = call("PUT", "/api/rooms/" + secret.id() + "/read", "eve", body);
    assertThat(hidden.statusCode()).isEqualTo(404);
    assertThat(DevRestCalls.code(hidden)).isEqualTo("room-not-found");
    HttpResponse<String> missing = call("PUT", "/api/rooms/987654321/read", "erin", body);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(DevRestCalls.code(missing)).isEqualTo("room-not-found");
    HttpResponse<String> spoofed =
        call(
            "PUT",
            "/api/rooms/" + open.id() + "/read",
            "eve",
            "{\"seq\":100,\"username\":\"erin\"}");
    assertThat(spoofed.statusCode()).isEqualTo(403);
    assertThat(DevRestCalls.code(spoofed)).isEqualTo("identity-mismatch");
    HttpResponse<String> nobody = call("PUT", "/api/rooms/" + open.id() + "/read", null, body);
    assertThat(nobody.statusCode()).isEqualTo(400);
    assertThat(DevRestCalls.code(nobody)).isEqualTo("invalid-username");

    assertThat(chat.readStates().states("eve")).isEmpty();
  }

  @Test
  void presenceListsTheOnlineParticipants() throws Exception {
    Room room = chat.createRoom("presence", "frank");
    chat.join(room.id(), "gina");
    String path = "/api/rooms/" + room.id() + "/presence";

    Subscription frank = chat.presence().connected("frank");
    try (Subscription gina = chat.presence().connected("gina");
        Subscription outsider = chat.presence().connected("hank")) {
      Awaitility.await()
          .untilAsserted(
              () -> {
                HttpResponse<String> online = call("GET", path, "gina", null);
                assertThat(online.statusCode()).as(online.body()).isEqualTo(200);
                assertThat(json(online))
                    .isEqualTo(
                        ChatJson.mapper()
                            .readTree(
                                "{\"roomId\":"
                                    + room.id()
                                    + ",\"online\":[\"frank\",\"gina\"],\"count\":2}"));
              });
      frank.close();
      // chatstack.presence.grace=0s: frank goes offline without waiting.
      Awaitility.await()
          .untilAsserted(
              () ->
                  assertThat(json(call("GET", path, "gina", null)))
                      .isEqualTo(
                          ChatJson.mapper()
                              .readTree(
                                  "{\"roomId\":"
                                      + room.id()
                                      + ",\"online\":[\"gina\"],\"count\":1}")));
    }
  }

  @Test
  void onlyParticipantsSeePresence() throws Exception {
    Room open = chat.createRoom("open-presence", "ivan");
    Room secret = chat.createRoom("secret-presence", "ivan", RoomVisibility.PRIVATE);

    HttpResponse<String> stranger =
        call("GET", "/api/rooms/" + open.id() + "/presence", "judy", null);
    assertThat(stranger.statusCode()).isEqualTo(403);
    assertThat(DevRestCalls.code(stranger)).isEqualTo("not-participant");
    HttpResponse<String> hidden =
        call("GET", "/api/rooms/" + secret.id() + "/presence", "judy", null);
    assertThat(hidden.statusCode()).isEqualTo(404);
    assertThat(DevRestCalls.code(hidden)).isEqualTo("room-not-found");
    HttpResponse<String> missing = call("GET", "/api/rooms/987654321/presence", "ivan", null);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(DevRestCalls.code(missing)).isEqualTo("room-not-found");
    HttpResponse<String> nobody = call("GET", "/api/rooms/" + open.id() + "/presence", null, null);
    assertThat(nobody.statusCode()).isEqualTo(400);
    assertThat(DevRestCalls.code(nobody)).isEqualTo("invalid-username");
    assertThat(call("GET", "/api/rooms/" + open.id() + "/presence", "ivan", null).statusCode())
        .isEqualTo(200);
  }
}
