package io.chatstack.server;

import static io.chatstack.server.TestFrame.frame;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.core.Room;
import io.chatstack.json.ChatJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one-shot SUBSCRIBE queries: room list and history pages. */
class QueriesIT {
  static ServerFixture fixture;

  @BeforeAll
  static void start() {
    fixture = new ServerFixture();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void roomListIsAnsweredOnceWithTheJsonArray() throws Exception {
    Room room = fixture.service.createRoom("listed", "alice");
    try (RawStompClient bob = RawStompClient.connected(fixture.uri(), "bob")) {
      bob.send(
          frame("SUBSCRIBE", "", "id", "q1", "destination", "/app/chat/rooms", "receipt", "r"));
      bob.awaitReceipt("r");
      TestFrame answer = bob.await(f -> "q1".equals(f.header("subscription")));
      JsonNode rooms = ChatJson.mapper().readTree(answer.body());
      assertThat(rooms.isArray()).isTrue();
      assertThat(rooms.findValuesAsText("name")).contains("listed");
      assertThat(rooms.findValuesAsText("id")).contains(Long.toString(room.id()));
      assertThat(bob.messages()).hasSize(1);
    }
  }

  @Test
  void historyPagesBackwardsAndForwardsForParticipants() throws Exception {
    Room room = fixture.service.createRoom("paged", "alice");
    for (int i = 0; i < 5; i++) {
      fixture.service.send(room.id(), "alice", "m" + i).join();
    }
    try (RawStompClient alice = RawStompClient.connected(fixture.uri(), "alice")) {
      String dest = "/app/chat/history/" + room.id();
      alice.send(frame("SUBSCRIBE", "", "id", "h1", "destination", dest, "limit", "2"));
      JsonNode latest = body(alice.await(f -> "h1".equals(f.header("subscription"))));
      assertThat(latest.get("messages").findValuesAsText("content")).containsExactly("m3", "m4");
      assertThat(latest.get("hasMore").asBoolean()).isTrue();
      String oldest = latest.get("messages").get(0).get("seq").asText();
      alice.send(
          frame(
              "SUBSCRIBE",
              "",
              "id",
              "h2",
              "destination",
              dest,
              "limit",
              "10",
              "before-seq",
              oldest));
      JsonNode older = body(alice.await(f -> "h2".equals(f.header("subscription"))));
      // the JOIN of the creator, then m0..m2
      assertThat(older.get("messages").findValuesAsText("content"))
          .containsExactly("alice joined the room", "m0", "m1", "m2");
      assertThat(older.get("hasMore").asBoolean()).isFalse();
      alice.send(
          frame(
              "SUBSCRIBE", "", "id", "h3", "destination", dest, "limit", "1", "after-seq", oldest));
      JsonNode after = body(alice.await(f -> "h3".equals(f.header("subscription"))));
      assertThat(after.get("messages").findValuesAsText("content")).containsExactly("m4");
    }
  }

  @Test
  void historyIsForParticipantsOnlyAndBadQueriesAreRefused() throws Exception {
    Room room = fixture.service.createRoom("private", "alice");
    try (RawStompClient eve = RawStompClient.connected(fixture.uri(), "eve")) {
      eve.send(frame("SUBSCRIBE", "", "id", "e", "destination", "/user/queue/errors"));
      eve.send(
          frame(
              "SUBSCRIBE",
              "",
              "id",
              "h",
              "destination",
              "/app/chat/history/" + room.id(),
              "receipt",
              "x"));
      TestFrame error = eve.await(f -> "e".equals(f.header("subscription")));
      assertThat(error.body()).contains("not-participant").contains("\"receiptId\":\"x\"");
      assertThat(eve.messages()).hasSize(1);
    }
    try (RawStompClient alice = RawStompClient.connected(fixture.uri(), "alice")) {
      alice.send(
          frame(
              "SUBSCRIBE",
              "",
              "id",
              "h",
              "destination",
              "/app/chat/history/" + room.id(),
              "limit",
              "1001"));
      TestFrame error = alice.await(f -> f.command().equals("ERROR"));
      assertThat(error.header("code")).isEqualTo("bad-history-query");
      alice.awaitClosed();
    }
  }

  private static JsonNode body(TestFrame f) throws Exception {
    return ChatJson.mapper().readTree(f.body());
  }
}
