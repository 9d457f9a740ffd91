package io.chatstack.server;

import static io.chatstack.server.TestFrame.frame;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.Room;
import io.chatstack.json.ChatJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Edits, deletes, reactions and replies over the wire, on the standalone Tyrus server: each SEND is
 * receipted like a chat send with its change record's id and seq, the change records reach the
 * other subscribers of the room in order (live and by since-seq), history shows the current state,
 * and every refusal carries its code and changes nothing.
 */
class MessageLifecycleIT {
  static ServerFixture fixture;
  private static final AtomicInteger ROOMS = new AtomicInteger();
  // a well-formed id that names no message
  private static final String UNKNOWN = UUID.randomUUID().toString();

  @BeforeAll
  static void start() {
    fixture = new ServerFixture();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  /** A room of alice and bob, whose name no other test uses. */
  private static Room room() {
    Room room = fixture.service.createRoom("lifecycle-" + ROOMS.incrementAndGet(), "alice");
    fixture.service.join(room.id(), "bob");
    return room;
  }

  private static RawStompClient withErrors(String user) throws Exception {
    RawStompClient client = RawStompClient.connected(fixture.uri(), user);
    subscribe(client, "err", "/user/queue/errors");
    return client;
  }

  private static void subscribe(RawStompClient client, String id, String destination, String... h)
      throws Exception {
    String[] headers = new String[6 + h.length];
    System.arraycopy(
        new String[] {"id", id, "destination", destination, "receipt", "sub-" + id},
        0,
        headers,
        0,
        6);
    System.arraycopy(h, 0, headers, 6, h.length);
    client.send(frame("SUBSCRIBE", "", headers));
    client.awaitReceipt("sub-" + id);
  }

  private static TestFrame send(RawStompClient client, String destination, String body, String r)
      throws IOException {
    client.send(frame("SEND", body, "destination", destination, "receipt", r));
    return client.await(
        f ->
            r.equals(f.header("receipt-id"))
                || ("err".equals(f.header("subscription"))
                    && r.equals(json(f).path("receiptId").asText()))
                || f.command().equals("ERROR"));
  }

  private static TestFrame sendOk(RawStompClient client, String destination, String body, String r)
      throws IOException {
    TestFrame answer = send(client, destination, body, r);
    assertThat(answer.command()).as("answer to %s: %s", r, answer).isEqualTo("RECEIPT");
    return answer;
  }

  private static String refusal(RawStompClient client, String destination, String body, String r)
      throws IOException {
    TestFrame answer = send(client, destination, body, r);
    assertThat(answer.header("subscription")).as("answer to %s: %s", r, answer).isEqualTo("err");
    return json(answer).path("code").asText();
  }

  private static JsonNode json(TestFrame f) {
    try {
      return ChatJson.mapper().readTree(f.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<TestFrame> on(RawStompClient client, String subscription) {
    return client.messages().stream()
        .filter(f -> subscription.equals(f.header("subscription")))
        .toList();
  }

  private static String edit(String messageId, String content) {
    return "{\"messageId\":\"" + messageId + "\",\"content\":\"" + content + "\"}";
  }

  private static String react(String messageId, String emoji, boolean add) {
    return "{\"messageId\":\"" + messageId + "\",\"emoji\":\"" + emoji + "\",\"add\":" + add + "}";
  }

  private static String delete(String messageId) {
    return "{\"messageId\":\"" + messageId + "\"}";
  }

  private static List<ChatMessage> log(Room room) {
    return fixture.service.since(room.id(), -1, 1000);
  }

  @Test
  void editReactAndDeleteReachTheOtherSubscriberInOrderWithTheirReceipts() throws Exception {
    Room room = room();
    String topic = "/topic/chat/" + room.id();
    try (RawStompClient alice = withErrors("alice");
        RawStompClient bob = withErrors("bob")) {
      subscribe(bob, "room", topic);
      String id =
          sendOk(alice, "/app/chat/send/" + room.id(), "{\"content\":\"helo\"}", "s")
              .header("message-id");

      TestFrame edited = sendOk(alice, "/app/chat/edit/" + room.id(), edit(id, "hello"), "e");
      TestFrame reacted = sendOk(bob, "/app/chat/react/" + room.id(), react(id, "👍", true), "r");
      TestFrame unreacted =
          sendOk(bob, "/app/chat/react/" + room.id(), react(id, "👍", false), "u");
      TestFrame deleted = sendOk(alice, "/app/chat/delete/" + room.id(), delete(id), "d");

      bob.await(f -> "room".equals(f.header("subscription")) && f.body().contains("\"DELETE\""));
      List<TestFrame> delivered = on(bob, "room");
      assertThat(delivered)
          .extracting(f -> json(f).get("type").asText())
          .containsExactly("CHAT", "EDIT", "REACTION", "REACTION", "DELETE");
      List<TestFrame> receipts = List.of(edited, reacted, unreacted, deleted);
      for (int i = 0; i < receipts.size(); i++) {
        TestFrame message = delivered.get(i + 1);
        TestFrame receipt = receipts.get(i);
        assertThat(message.header("seq")).isEqualTo(receipt.header("seq"));
        assertThat(message.header("message-id")).isEqualTo(receipt.header("message-id"));
        assertThat(json(message).get("id").asText()).isEqualTo(receipt.header("message-id"));
        assertThat(json(message).get("timestamp").asText()).isEqualTo(receipt.header("timestamp"));
        assertThat(json(message).get("targetId").asText()).isEqualTo(id);
        assertThat(message.header("destination")).isEqualTo(topic);
      }
      assertThat(delivered.stream().map(f -> Long.parseLong(f.header("seq")))).isSorted();
      JsonNode edit = json(delivered.get(1));
      assertThat(edit.get("content").asText()).isEqualTo("hello");
      assertThat(edit.get("sender").asText()).isEqualTo("alice");
      JsonNode reaction = json(delivered.get(2));
      assertThat(reaction.get("sender").asText()).isEqualTo("bob");
      assertThat(reaction.get("content").asText()).isEqualTo("👍");
      assertThat(reaction.get("metadata").get("add").asBoolean()).isTrue();
      assertThat(json(delivered.get(3)).get("metadata").get("add").asBoolean()).isFalse();
      assertThat(json(delivered.get(4)).get("content").asText()).isEmpty();
      assertThat(on(alice, "err")).isEmpty();
      assertThat(on(bob, "err")).isEmpty();
      assertThat(bob.closeReason).isNull();
    }
  }

  @Test
  void aReplyCarriesReplyToAndMetadataToSubscribersAndHistory() throws Exception {
    Room room = room();
    try (RawStompClient alice = withErrors("alice");
        RawStompClient bob = withErrors("bob")) {
      subscribe(bob, "room", "/topic/chat/" + room.id());
      String question =
          sendOk(alice, "/app/chat/send/" + room.id(), "{\"content\":\"where?\"}", "q")
              .header("message-id");
      String metadata =
          "{\"attachments\":[{\"url\":\"https://example.com/map.png\",\"size\":{\"w\":640,"
              + "\"h\":480},\"alt\":\"a map ✓\"}],\"mentions\":[\"alice\"],\"pinned\":false,"
              + "\"score\":0.5}";
      String reply =
          sendOk(
                  bob,
                  "/app/chat/send/" + room.id(),
                  "{\"content\":\"here\",\"replyTo\":\""
                      + question
                      + "\",\"metadata\":"
                      + metadata
                      + ",\"clientMsgId\":\"c-reply\"}",
                  "a")
              .header("message-id");

      TestFrame delivered =
          bob.await(f -> "room".equals(f.header("subscription")) && f.body().contains("\"here\""));
      JsonNode live = json(delivered);
      assertThat(live.get("id").asText()).isEqualTo(reply);
      assertThat(live.get("replyTo").asText()).isEqualTo(question);
      assertThat(live.get("metadata")).isEqualTo(ChatJson.mapper().readTree(metadata));
      assertThat(live.get("clientMsgId").asText()).isEqualTo("c-reply");

      subscribe(bob, "h", "/app/chat/history/" + room.id());
      JsonNode page = json(bob.await(f -> "h".equals(f.header("subscription"))));
      JsonNode stored = page.get("messages").get(page.get("messages").size() - 1);
      assertThat(stored.get("id").asText()).isEqualTo(reply);
      assertThat(stored.get("replyTo").asText()).isEqualTo(question);
      assertThat(stored.get("metadata")).isEqualTo(ChatJson.mapper().readTree(metadata));
    }
  }

  @Test
  void historyOverStompShowsTheCurrentStateAndNoChangeRecords() throws Exception {
    Room room = room();
    try (RawStompClient alice = withErrors("alice");
        RawStompClient bob = withErrors("bob")) {
      String kept =
          sendOk(alice, "/app/chat/send/" + room.id(), "{\"content\":\"draft\"}", "k")
              .header("message-id");
      String gone =
          sendOk(alice, "/app/chat/send/" + room.id(), "{\"content\":\"oops\"}", "g")
              .header("message-id");
      sendOk(alice, "/app/chat/edit/" + room.id(), edit(kept, "final"), "e");
      sendOk(bob, "/app/chat/react/" + room.id(), react(kept, "🎉", true), "r1");
      sendOk(alice, "/app/chat/react/" + room.id(), react(kept, "🎉", true), "r2");
      sendOk(alice, "/app/chat/delete/" + room.id(), delete(gone), "d");

      subscribe(bob, "h", "/app/chat/history/" + room.id());
      JsonNode messages =
          json(bob.await(f -> "h".equals(f.header("subscription")))).get("messages");
      assertThat(messages.findValuesAsText("type")).containsOnly("JOIN", "CHAT");
      JsonNode current = byId(messages, kept);
      assertThat(current.get("content").asText()).isEqualTo("final");
      assertThat(current.hasNonNull("editedAt")).isTrue();
      assertThat(current.get("reactions").get("🎉").get("count").asInt()).isEqualTo(2);
      assertThat(current.get("reactions").get("🎉").get("users"))
          .extracting(JsonNode::asText)
          .containsExactlyInAnyOrder("alice", "bob");
      JsonNode tombstone = byId(messages, gone);
      assertThat(tombstone.get("deleted").asBoolean()).isTrue();
      assertThat(tombstone.get("content").asText()).isEmpty();
      assertThat(tombstone.get("seq").asLong()).isPositive();
    }
  }

  private static JsonNode byId(JsonNode messages, String id) {
    for (JsonNode m : messages) {
      if (m.get("id").asText().equals(id)) {
        return m;
      }
    }
    throw new AssertionError("no message " + id + " in " + messages);
  }

  @Test
  void everyRefusalCarriesItsCodeAndChangesNothing() throws Exception {
    Room room = room();
    String app = "/app/chat/";
    try (RawStompClient alice = withErrors("alice");
        RawStompClient bob = withErrors("bob");
        RawStompClient carol = withErrors("carol")) {
      subscribe(bob, "room", "/topic/chat/" + room.id());
      String mine =
          sendOk(alice, app + "send/" + room.id(), "{\"content\":\"mine\"}", "m")
              .header("message-id");
      String removed =
          sendOk(alice, app + "send/" + room.id(), "{\"content\":\"removed\"}", "x")
              .header("message-id");
      sendOk(alice, app + "delete/" + room.id(), delete(removed), "xd");
      bob.await(f -> "room".equals(f.header("subscription")) && f.body().contains("\"DELETE\""));
      int logged = log(room).size();
      int delivered = on(bob, "room").size();

      assertThat(refusal(bob, app + "edit/" + room.id(), edit(mine, "mine now"), "1"))
          .isEqualTo("not-message-sender");
      assertThat(refusal(bob, app + "delete/" + room.id(), delete(mine), "2"))
          .isEqualTo("not-message-sender");
      assertThat(refusal(carol, app + "edit/" + room.id(), edit(mine, "x"), "3"))
          .isEqualTo("not-participant");
      assertThat(refusal(carol, app + "react/" + room.id(), react(mine, "👍", true), "4"))
          .isEqualTo("not-participant");
      assertThat(refusal(alice, app + "edit/" + room.id(), edit(UNKNOWN, "x"), "5"))
          .isEqualTo("message-not-found");
      assertThat(refusal(bob, app + "react/" + room.id(), react(UNKNOWN, "👍", true), "6"))
          .isEqualTo("message-not-found");
      assertThat(refusal(alice, app + "edit/" + room.id(), edit(removed, "back"), "7"))
          .isEqualTo("message-deleted");
      assertThat(refusal(bob, app + "react/" + room.id(), react(removed, "👍", true), "8"))
          .isEqualTo("message-deleted");
      assertThat(refusal(alice, app + "delete/" + room.id(), delete(removed), "9"))
          .isEqualTo("message-deleted");
      assertThat(refusal(bob, app + "react/" + room.id(), react(mine, "+1", true), "10"))
          .isEqualTo("invalid-emoji");
      assertThat(refusal(bob, app + "react/" + room.id(), react(mine, "👍👍", true), "11"))
          .isEqualTo("invalid-emoji");
      String tooLarge = "{\"blob\":\"" + "x".repeat(ChatMessage.MAX_METADATA_BYTES) + "\"}";
      assertThat(
              refusal(
                  bob,
                  app + "send/" + room.id(),
                  "{\"content\":\"big\",\"metadata\":" + tooLarge + "}",
                  "12"))
          .isEqualTo("invalid-metadata");
      assertThat(
              refusal(
                  bob,
                  app + "send/" + room.id(),
                  "{\"content\":\"re\",\"replyTo\":\"" + UNKNOWN + "\"}",
                  "13"))
          .isEqualTo("invalid-reply-to");
      String join = log(room).get(0).id();
      assertThat(refusal(alice, app + "edit/" + room.id(), edit(join, "x"), "14"))
          .isEqualTo("not-editable");

      // a message that the refusals would have produced would come before this one
      sendOk(alice, app + "send/" + room.id(), "{\"content\":\"after\"}", "after");
      bob.await(f -> "room".equals(f.header("subscription")) && f.body().contains("\"after\""));
      assertThat(log(room)).hasSize(logged + 1);
      assertThat(on(bob, "room")).hasSize(delivered + 1);
      JsonNode current = byId(historyOf(alice, room), mine);
      assertThat(current.get("content").asText()).isEqualTo("mine");
      assertThat(current.has("reactions")).isFalse();
      assertThat(current.has("editedAt")).isFalse();
      for (RawStompClient client : List.of(alice, bob, carol)) {
        assertThat(client.closeReason).isNull();
      }
    }
  }

  private static JsonNode historyOf(RawStompClient client, Room room) throws Exception {
    String id = "h" + System.nanoTime();
    subscribe(client, id, "/app/chat/history/" + room.id());
    return json(client.await(f -> id.equals(f.header("subscription")))).get("messages");
  }

  @Test
  void withoutTheErrorQueueARefusalIsAnErrorFrameLikeARefusedSend() throws Exception {
    Room room = room();
    String mine = fixture.service.send(room.id(), "alice", "mine").join().id();
    int logged = log(room).size();
    try (RawStompClient bob = RawStompClient.connected(fixture.uri(), "bob")) {
      TestFrame error = send(bob, "/app/chat/delete/" + room.id(), delete(mine), "del");
      assertThat(error.command()).isEqualTo("ERROR");
      assertThat(error.header("code")).isEqualTo("not-message-sender");
      assertThat(error.header("receipt-id")).isEqualTo("del");
      bob.awaitClosed();
    }
    assertThat(log(room)).hasSize(logged);
  }

  @Test
  void aBodyThatIsNotTheDestinationsIsAProtocolErrorAndChangesNothing() throws Exception {
    Room room = room();
    String mine = fixture.service.send(room.id(), "alice", "mine").join().id();
    int logged = log(room).size();
    try (RawStompClient alice = withErrors("alice")) {
      TestFrame error =
          send(
              alice,
              "/app/chat/react/" + room.id(),
              "{\"messageId\":\"" + mine + "\",\"emoji\":\"👍\",\"add\":\"yes\"}",
              "bad");
      assertThat(error.command()).isEqualTo("ERROR");
      assertThat(error.header("code")).isEqualTo("invalid-json");
      alice.awaitClosed();
    }
    assertThat(log(room)).hasSize(logged);
  }

  @Test
  void aSinceSeqResubscribeReceivesTheChangeRecords() throws Exception {
    Room room = room();
    String topic = "/topic/chat/" + room.id();
    long seen;
    String id;
    try (RawStompClient alice = withErrors("alice");
        RawStompClient bob = withErrors("bob")) {
      subscribe(bob, "room", topic);
      TestFrame sent = sendOk(alice, "/app/chat/send/" + room.id(), "{\"content\":\"v1\"}", "s");
      id = sent.header("message-id");
      seen = Long.parseLong(sent.header("seq"));
      bob.await(f -> "room".equals(f.header("subscription")) && f.body().contains("\"v1\""));
      bob.close();

      sendOk(alice, "/app/chat/edit/" + room.id(), edit(id, "v2"), "e");
      sendOk(alice, "/app/chat/react/" + room.id(), react(id, "❤️", true), "r");
      sendOk(alice, "/app/chat/send/" + room.id(), "{\"content\":\"next\"}", "n");
      sendOk(alice, "/app/chat/delete/" + room.id(), delete(id), "d");
    }
    try (RawStompClient bob = withErrors("bob")) {
      subscribe(bob, "again", topic, "since-seq", Long.toString(seen));
      bob.await(f -> "again".equals(f.header("subscription")) && f.body().contains("\"DELETE\""));
      List<JsonNode> replayed = on(bob, "again").stream().map(MessageLifecycleIT::json).toList();
      assertThat(replayed)
          .extracting(m -> m.get("type").asText())
          .containsExactly("EDIT", "REACTION", "CHAT", "DELETE");
      assertThat(replayed.get(0).get("content").asText()).isEqualTo("v2");
      assertThat(replayed.get(1).get("content").asText()).isEqualTo("❤️");
      assertThat(replayed.get(2).get("content").asText()).isEqualTo("next");
      assertThat(replayed)
          .filteredOn(m -> !m.get("type").asText().equals("CHAT"))
          .allSatisfy(m -> assertThat(m.get("targetId").asText()).isEqualTo(id));
      assertThat(on(bob, "again").stream().map(f -> Long.parseLong(f.header("seq"))))
          .isSorted()
          .allSatisfy(seq -> assertThat(seq).isGreaterThan(seen));
    }
  }
}
