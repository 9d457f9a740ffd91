package io.chatstack.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageStore;
import io.chatstack.core.MessageType;
import io.chatstack.core.Room;
import io.chatstack.core.RoomVisibility;
import io.chatstack.json.ChatJson;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Moderation over REST in dev mode (the callers name themselves in X-Chat-User): roles in room JSON
 * and participant pages, ban and mute enforcement, a moderator deleting someone else's message,
 * SYSTEM messages in history, and deleting a room with chatstack.rooms.delete-history=erase.
 */
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "chatstack.security.authentication=dev",
      "chatstack.rest.requests-per-second=1000",
      "chatstack.rooms.delete-history=erase"
    })
class ModerationRestIT {
  // No component scan: the other tests' App classes in this package must not leak in.
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @LocalServerPort int port;
  @Autowired ChatService chat;
  @Autowired MessageStore store;
  private DevRestCalls rest;
  private Room room;
  private String path;

  @BeforeEach
  void room() {
    rest = new DevRestCalls(port);
    room = chat.createRoom("moderated", "olga", RoomVisibility.PUBLIC);
    for (String user : List.of("mia", "bob", "carl")) {
      chat.join(room.id(), user);
    }
    path = "/api/rooms/" + room.id();
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return ChatJson.mapper().readTree(response.body());
  }

  private HttpResponse<String> moderate(String actor, String action, String user, String extra)
      throws Exception {
    return rest.call(
        "POST",
        path + "/moderation",
        actor,
        "{\"action\":\"" + action + "\",\"username\":\"" + user + "\"" + extra + "}");
  }

  private ChatMessage lastMessage() {
    List<ChatMessage> messages = chat.history(room.id(), HistoryQuery.latest(100)).messages();
    return messages.get(messages.size() - 1);
  }

  @Test
  void rolesShowInRoomJsonAndParticipantPages() throws Exception {
    HttpResponse<String> made =
        rest.call("PUT", path + "/roles/mia", "olga", "{\"role\":\"MODERATOR\"}");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
    assertThat(json(made).path("role").asText()).isEqualTo("OWNER");

    assertThat(json(rest.call("GET", path, "mia", null)).path("role").asText())
        .isEqualTo("MODERATOR");
    assertThat(json(rest.call("GET", path, "bob", null)).path("role").asText()).isEqualTo("MEMBER");
    assertThat(json(rest.call("GET", path, "stranger", null)).has("role")).isFalse();
    assertThat(json(rest.call("GET", path, null, null)).has("role")).isFalse();

    JsonNode page = json(rest.call("GET", path + "/participants?limit=2", "bob", null));
    assertThat(page.path("participants").toString()).isEqualTo("[\"bob\",\"carl\"]");
    assertThat(page.path("members").toString())
        .isEqualTo(
            "[{\"username\":\"bob\",\"role\":\"MEMBER\"},{\"username\":\"carl\",\"role\":\"MEMBER\"}]");
    JsonNode next = json(rest.call("GET", path + "/participants?after=carl", "bob", null));
    assertThat(next.path("members").toString())
        .isEqualTo(
            "[{\"username\":\"mia\",\"role\":\"MODERATOR\"},"
                + "{\"username\":\"olga\",\"role\":\"OWNER\"}]");

    JsonNode entry = json(rest.call("GET", "/api/rooms/user/mia", "mia", null)).findValue("role");
    assertThat(entry.asText()).isEqualTo("MODERATOR");
    ChatMessage system = lastMessage();
    assertThat(system.type()).isEqualTo(MessageType.SYSTEM);
    assertThat(system.metadata())
        .containsEntry("action", "role")
        .containsEntry("role", "MODERATOR");
  }

  @Test
  void aBannedUserIsRemovedAndRefusedUntilUnbanned() throws Exception {
    HttpResponse<String> banned =
        moderate("olga", "ban", "bob", ",\"until\":\"2999-01-01T00:00:00Z\",\"reason\":\"spam\"");
    assertThat(banned.statusCode()).as(banned.body()).isEqualTo(200);
    assertThat(json(banned).path("participants").toString()).doesNotContain("\"bob\"");
    ChatMessage system = lastMessage();
    assertThat(system.content()).isEqualTo("bob was banned by olga until 2999-01-01T00:00:00Z");
    assertThat(system.metadata())
        .containsEntry("action", "ban")
        .containsEntry("target", "bob")
        .containsEntry("reason", "spam");

    HttpResponse<String> rejoin = rest.call("POST", path + "/participants", "bob", "{}");
    assertThat(rejoin.statusCode()).as(rejoin.body()).isEqualTo(403);
    assertThat(json(rejoin).path("code").asText()).isEqualTo("banned");
    HttpResponse<String> invited =
        rest.call("POST", path + "/participants", "carl", "{\"username\":\"bob\"}");
    assertThat(invited.statusCode()).isEqualTo(403);
    assertThat(chat.room(room.id()).hasParticipant("bob")).isFalse();

    JsonNode restrictions = json(rest.call("GET", path + "/restrictions", "olga", null));
    assertThat(restrictions.size()).isEqualTo(1);
    assertThat(restrictions.get(0).path("kind").asText()).isEqualTo("BAN");
    assertThat(restrictions.get(0).path("until").asText()).isEqualTo("2999-01-01T00:00:00Z");

    assertThat(moderate("olga", "unban", "bob", "").statusCode()).isEqualTo(200);
    assertThat(rest.call("POST", path + "/participants", "bob", "{}").statusCode()).isEqualTo(200);
  }

  @Test
  void aMutedUserCannotEditOrReactUntilUnmuted() throws Exception {
    ChatMessage bobs = chat.send(room.id(), "bob", "hello").join();
    assertThat(moderate("olga", "mute", "bob", "").statusCode()).isEqualTo(200);
    HttpResponse<String> edit =
        rest.call(
            "PATCH", "/api/messages/" + room.id() + "/" + bobs.id(), "bob", "{\"content\":\"x\"}");
    assertThat(edit.statusCode()).as(edit.body()).isEqualTo(403);
    assertThat(json(edit).path("code").asText()).isEqualTo("muted");
    assertThat(moderate("olga", "unmute", "bob", "").statusCode()).isEqualTo(200);
    assertThat(
            rest.call(
                    "PATCH",
                    "/api/messages/" + room.id() + "/" + bobs.id(),
                    "bob",
                    "{\"content\":\"x\"}")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void aModeratorDeletesSomeoneElsesMessageAndRenamesTheRoom() throws Exception {
    chat.moderation().setRole(room.id(), "olga", "mia", io.chatstack.core.RoomRole.MODERATOR);
    ChatMessage bobs = chat.send(room.id(), "bob", "rude").join();
    HttpResponse<String> deleted =
        rest.call("DELETE", "/api/messages/" + room.id() + "/" + bobs.id(), "mia", null);
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    assertThat(chat.history(room.id(), HistoryQuery.latest(100)).messages())
        .filteredOn(m -> m.id().equals(bobs.id()))
        .singleElement()
        .satisfies(m -> assertThat(m.deleted()).isTrue());

    HttpResponse<String> renamed = rest.call("PATCH", path, "mia", "{\"roomName\":\"calm\"}");
    assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
    assertThat(json(renamed).path("name").asText()).isEqualTo("calm");
    assertThat(json(renamed).path("role").asText()).isEqualTo("MODERATOR");
    assertThat(lastMessage().content()).isEqualTo("mia renamed the room to calm");
  }

  @Test
  void badInputIsAClearError() throws Exception {
    assertThat(json(moderate("olga", "slap", "bob", "")).path("code").asText())
        .isEqualTo("invalid-action");
    assertThat(
            json(moderate("olga", "mute", "bob", ",\"until\":\"tomorrow\"")).path("code").asText())
        .isEqualTo("invalid-until");
    assertThat(
            json(moderate("olga", "mute", "bob", ",\"until\":\"2001-01-01T00:00:00Z\""))
                .path("code")
                .asText())
        .isEqualTo("invalid-until");
    assertThat(
            json(rest.call("PUT", path + "/roles/bob", "olga", "{\"role\":\"OWNER\"}"))
                .path("code")
                .asText())
        .isEqualTo("invalid-role");
    HttpResponse<String> noHeader = moderate(null, "kick", "bob", "");
    assertThat(noHeader.statusCode()).isEqualTo(400);
    assertThat(json(noHeader).path("code").asText()).isEqualTo("invalid-username");
    assertThat(chat.room(room.id()).participants()).contains("bob");
    assertThat(lastMessage().type()).isEqualTo(MessageType.JOIN);
  }

  @Test
  void deletingTheRoomRemovesItEverywhereAndErasesHistory() throws Exception {
    chat.send(room.id(), "bob", "hello").join();
    assertThat(rest.call("DELETE", path, "mia", null).statusCode()).isEqualTo(403);
    HttpResponse<String> deleted = rest.call("DELETE", path, "olga", null);
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
    assertThat(rest.call("GET", path, "olga", null).statusCode()).isEqualTo(404);
    assertThat(json(rest.call("GET", "/api/rooms/user/bob", "bob", null)).findValuesAsText("id"))
        .doesNotContain(Long.toString(room.id()));
    assertThat(json(rest.call("GET", "/api/rooms", "bob", null)).findValuesAsText("id"))
        .doesNotContain(Long.toString(room.id()));
    assertThat(store.page(room.id(), HistoryQuery.latest(100)).messages()).isEmpty();
  }
}
