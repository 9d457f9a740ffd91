package io.chatstack.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageType;
import io.chatstack.core.Room;
import io.chatstack.core.RoomVisibility;
import io.chatstack.core.SendOptions;
import io.chatstack.json.ChatJson;
import io.chatstack.spring.ChatServiceCustomizer;
import io.chatstack.testkit.db.InProcessMongoServer;
import io.chatstack.testkit.kafka.EmbeddedKafka;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Edits, deletes, reactions and erasure over REST against the real stack (in-process Kafka, the
 * MongoDB wire server, H2 rooms through Jdbi), in dev mode (the caller in X-Chat-User, the edit
 * body's username or ?username=): every change answers its change record, history shows the current
 * state, refusals carry their code and change nothing. A second node with
 * chatstack.admin.allow-in-dev-mode=true erases. The same endpoints in jwt and principal mode, with
 * every credential: RestSecurityMatrix.
 */
class MessageLifecycleRestIT {
  private static final String THUMBS_UP = "\uD83D\uDC4D";
  private static final String HEART = "\u2764\uFE0F";
  private static final String MONGO_DATABASE = "lifecycle-" + UUID.randomUUID();

  /** The service's clock: real time plus an offset the tests move forward (never back). */
  static final class OffsetClock extends Clock {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    void advance(Duration by) {
      offset.accumulateAndGet(by, Duration::plus);
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  static final OffsetClock CLOCK = new OffsetClock();

  // No component scan: the other tests' App classes in this package must not leak in.
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    ChatServiceCustomizer offsetClock() {
      return builder -> builder.clock(CLOCK);
    }
  }

  private static EmbeddedKafka kafka;
  private static InProcessMongoServer mongo;
  private static String h2;
  private static ConfigurableApplicationContext node;
  private static ChatService chat;
  private static DevRestCalls rest;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start();
    mongo = InProcessMongoServer.start();
    h2 = "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=MySQL;DB_CLOSE_DELAY=-1";
    node = startNode(false);
    chat = node.getBean(ChatService.class);
    rest = new DevRestCalls(port(node));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
    if (mongo != null) {
      mongo.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static ConfigurableApplicationContext startNode(boolean adminInDevMode) {
    String suffix = MONGO_DATABASE.substring("lifecycle-".length());
    return new SpringApplicationBuilder(App.class)
        .properties(
            Map.ofEntries(
                Map.entry("server.port", "0"),
                Map.entry("spring.main.banner-mode", "off"),
                Map.entry("chatstack.security.authentication", "dev"),
                Map.entry("chatstack.rest.requests-per-second", "1000"),
                Map.entry("chatstack.messages.edit-window", "1h"),
                Map.entry("chatstack.history.retention", "30d"),
                Map.entry("chatstack.admin.allow-in-dev-mode", String.valueOf(adminInDevMode)),
                Map.entry("chatstack.kafka.bootstrap-servers", kafka.bootstrapServers()),
                Map.entry("chatstack.kafka.partitions", "2"),
                Map.entry("chatstack.kafka.messages-topic", "messages-" + suffix),
                Map.entry("chatstack.kafka.events-topic", "events-" + suffix),
                Map.entry("chatstack.kafka.signals-topic", "signals-" + suffix),
                Map.entry("chatstack.mongo.uri", mongo.connectionString()),
                Map.entry("chatstack.mongo.database", MONGO_DATABASE),
                Map.entry("chatstack.jdbc.url", h2)))
        .run();
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private static HttpResponse<String> call(String method, String path, String user, String json)
      throws Exception {
    return rest.call(method, path, user, json);
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return ChatJson.mapper().readTree(response.body());
  }

  private static String emoji(String emoji) {
    return URLEncoder.encode(emoji, StandardCharsets.UTF_8);
  }

  /** REST history of the room as {@code user}, messages by id. */
  private static Map<String, JsonNode> history(long roomId, String user) throws Exception {
    HttpResponse<String> response = call("GET", "/api/messages/" + roomId, user, null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Map<String, JsonNode> byId = new java.util.LinkedHashMap<>();
    json(response).forEach(m -> byId.put(m.path("id").asText(), m));
    return byId;
  }

  /** Every record of the room's log (messages in their current state and change records). */
  private static List<ChatMessage> log(long roomId) {
    return chat.since(roomId, -1, 1000);
  }

  /** Waits until the store applied the changes up to one that set this content. */
  private static void awaitContent(long roomId, String messageId, String content) {
    await()
        .until(
            () ->
                chat.history(roomId, HistoryQuery.latest(100)).messages().stream()
                    .anyMatch(m -> m.id().equals(messageId) && m.content().equals(content)));
  }

  private static void assertRefused(HttpResponse<String> response, int status, String code)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(json(response).path("code").asText()).as(response.body()).isEqualTo(code);
    assertThat(json(response).path("status").asInt()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
  }

  @Test
  void changesAnswerTheirRecordAndHistoryShowsTheCurrentState() throws Exception {
    Room room = chat.createRoom("lifecycle", "alice");
    chat.join(room.id(), "bob");
    ChatMessage hello = chat.send(room.id(), "alice", "hello").join();
    ChatMessage bye = chat.send(room.id(), "alice", "bye").join();
    String base = "/api/messages/" + room.id() + "/";

    // Edit as the header's user.
    HttpResponse<String> edited =
        call("PATCH", base + hello.id(), "alice", "{\"content\":\"hello, edited\"}");
    assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
    JsonNode edit = json(edited);
    assertThat(edit.path("type").asText()).isEqualTo("EDIT");
    assertThat(edit.path("targetId").asText()).isEqualTo(hello.id());
    assertThat(edit.path("sender").asText()).isEqualTo("alice");
    assertThat(edit.path("content").asText()).isEqualTo("hello, edited");
    assertThat(edit.path("roomId").asLong()).isEqualTo(room.id());
    assertThat(edit.path("seq").asLong()).isGreaterThan(bye.seq());
    assertThat(edit.path("id").asText()).isNotEqualTo(hello.id());

    // Reactions: bob in the header, alice in ?username= (dev mode without header); twice is once.
    String thumbs = base + hello.id() + "/reactions/" + emoji(THUMBS_UP);
    HttpResponse<String> bobReacts = call("PUT", thumbs, "bob", null);
    assertThat(bobReacts.statusCode()).as(bobReacts.body()).isEqualTo(200);
    JsonNode reaction = json(bobReacts);
    assertThat(reaction.path("type").asText()).isEqualTo("REACTION");
    assertThat(reaction.path("content").asText()).isEqualTo(THUMBS_UP);
    assertThat(reaction.path("targetId").asText()).isEqualTo(hello.id());
    assertThat(reaction.path("metadata")).isEqualTo(ChatJson.mapper().readTree("{\"add\":true}"));
    assertThat(call("PUT", thumbs, "bob", null).statusCode()).isEqualTo(200);
    assertThat(call("PUT", thumbs + "?username=alice", null, null).statusCode()).isEqualTo(200);
    assertThat(
            call("PUT", base + hello.id() + "/reactions/" + emoji(HEART), "alice", null)
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> removed = call("DELETE", thumbs + "?username=alice", null, null);
    assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
    assertThat(json(removed).path("metadata"))
        .isEqualTo(ChatJson.mapper().readTree("{\"add\":false}"));
    // Removing an absent reaction is accepted too.
    assertThat(
            call("DELETE", base + hello.id() + "/reactions/" + emoji(HEART), "bob", null)
                .statusCode())
        .isEqualTo(200);

    // Delete with ?username= (dev mode without header).
    HttpResponse<String> deleted = call("DELETE", base + bye.id() + "?username=alice", null, null);
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    assertThat(json(deleted).path("type").asText()).isEqualTo("DELETE");
    assertThat(json(deleted).path("targetId").asText()).isEqualTo(bye.id());
    assertThat(json(deleted).path("content").asText()).isEmpty();

    await()
        .untilAsserted(
            () -> {
              Map<String, JsonNode> history = history(room.id(), "bob");
              assertThat(history.values())
                  .extracting(m -> m.path("type").asText())
                  .as("history lists messages only")
                  .containsOnly("JOIN", "CHAT");
              JsonNode now = history.get(hello.id());
              assertThat(now.path("content").asText()).isEqualTo("hello, edited");
              assertThat(now.path("seq").asLong()).isEqualTo(hello.seq());
              assertThat(Instant.parse(now.path("editedAt").asText()))
                  .isEqualTo(Instant.parse(edit.path("timestamp").asText()));
              assertThat(now.path("reactions"))
                  .isEqualTo(
                      ChatJson.mapper()
                          .readTree(
                              "{\""
                                  + THUMBS_UP
                                  + "\":{\"count\":1,\"users\":[\"bob\"]},\""
                                  + HEART
                                  + "\":{\"count\":1,\"users\":[\"alice\"]}}"));
              JsonNode tombstone = history.get(bye.id());
              assertThat(tombstone.path("deleted").asBoolean()).isTrue();
              assertThat(tombstone.path("content").asText()).isEmpty();
              assertThat(tombstone.path("seq").asLong()).isEqualTo(bye.seq());
              assertThat(tombstone.has("metadata")).isFalse();
              assertThat(tombstone.path("lastChangeSeq").asLong())
                  .isEqualTo(json(deleted).path("seq").asLong());
            });
    // Replays carry the change records, in log order.
    List<MessageType> changes =
        log(room.id()).stream().filter(ChatMessage::isChange).map(ChatMessage::type).toList();
    assertThat(changes).first().isEqualTo(MessageType.EDIT);
    assertThat(changes).last().isEqualTo(MessageType.DELETE);
    assertThat(changes.subList(1, changes.size() - 1))
        .isNotEmpty()
        .containsOnly(MessageType.REACTION);
  }

  @Test
  void repliesAndMetadataShowInRestHistoryUntilDeleted() throws Exception {
    Room room = chat.createRoom("replies", "erin");
    ChatMessage question = chat.send(room.id(), "erin", "lunch?").join();
    ChatMessage answer =
        chat.send(
                room.id(),
                "erin",
                "at noon",
                null,
                SendOptions.NONE
                    .withReplyTo(question.id())
                    .withMetadata(Map.of("attachments", List.of("https://example.com/menu.pdf"))))
            .join();

    await()
        .untilAsserted(
            () -> {
              JsonNode stored = history(room.id(), "erin").get(answer.id());
              assertThat(stored).as("stored yet").isNotNull();
              assertThat(stored.path("replyTo").asText()).isEqualTo(question.id());
              assertThat(stored.path("metadata"))
                  .isEqualTo(
                      ChatJson.mapper()
                          .readTree("{\"attachments\":[\"https://example.com/menu.pdf\"]}"));
            });
    assertThat(
            call("DELETE", "/api/messages/" + room.id() + "/" + answer.id(), "erin", null)
                .statusCode())
        .isEqualTo(200);
    await()
        .untilAsserted(
            () -> {
              JsonNode tombstone = history(room.id(), "erin").get(answer.id());
              assertThat(tombstone).as("stored yet").isNotNull();
              assertThat(tombstone.path("deleted").asBoolean()).isTrue();
              assertThat(tombstone.has("metadata")).isFalse();
            });
  }

  @Test
  void refusalsCarryTheirCodeAndChangeNothing() throws Exception {
    Room room = chat.createRoom("refusals", "frank");
    Room secret = chat.createRoom("refusals-secret", "frank", RoomVisibility.PRIVATE);
    chat.join(room.id(), "gina");
    ChatMessage mine = chat.send(room.id(), "frank", "mine").join();
    ChatMessage gone = chat.send(room.id(), "frank", "gone").join();
    ChatMessage hidden = chat.send(secret.id(), "frank", "hidden").join();
    assertThat(
            call("DELETE", "/api/messages/" + room.id() + "/" + gone.id(), "frank", null)
                .statusCode())
        .isEqualTo(200);
    await()
        .until(
            () ->
                chat.history(room.id(), HistoryQuery.latest(100)).messages().stream()
                    .anyMatch(m -> m.id().equals(gone.id()) && m.deleted()));
    String join =
        chat.history(room.id(), HistoryQuery.latest(100)).messages().stream()
            .filter(m -> m.type() == MessageType.JOIN && m.sender().equals("gina"))
            .findFirst()
            .orElseThrow()
            .id();
    String base = "/api/messages/" + room.id() + "/";
    String edit = "{\"content\":\"changed\"}";
    List<ChatMessage> before = log(room.id());
    List<ChatMessage> secretBefore = log(secret.id());

    // Who: not the sender, not a participant, a room one may not see, nobody, someone else.
    assertRefused(call("PATCH", base + mine.id(), "gina", edit), 403, "not-message-sender");
    assertRefused(call("DELETE", base + mine.id(), "gina", null), 403, "not-message-sender");
    assertRefused(call("PATCH", base + mine.id(), "hank", edit), 403, "not-participant");
    assertRefused(
        call("PUT", base + mine.id() + "/reactions/" + emoji(THUMBS_UP), "hank", null),
        403,
        "not-participant");
    assertRefused(
        call("PATCH", "/api/messages/" + secret.id() + "/" + hidden.id(), "gina", edit),
        404,
        "room-not-found");
    assertRefused(
        call("DELETE", "/api/messages/" + secret.id() + "/" + hidden.id(), "gina", null),
        404,
        "room-not-found");
    assertRefused(call("PATCH", base + mine.id(), null, edit), 400, "invalid-username");
    assertRefused(call("DELETE", base + mine.id(), null, null), 400, "invalid-username");
    assertRefused(
        call("PATCH", base + mine.id(), "gina", "{\"content\":\"x\",\"username\":\"frank\"}"),
        403,
        "identity-mismatch");
    assertRefused(
        call("DELETE", base + mine.id() + "?username=frank", "gina", null),
        403,
        "identity-mismatch");

    // What: unknown, not editable, deleted.
    String unknown = UUID.randomUUID().toString();
    assertRefused(call("PATCH", base + unknown, "frank", edit), 404, "message-not-found");
    assertRefused(call("DELETE", base + unknown, "frank", null), 404, "message-not-found");
    assertRefused(
        call("PUT", base + unknown + "/reactions/" + emoji(THUMBS_UP), "frank", null),
        404,
        "message-not-found");
    assertRefused(call("PATCH", base + join, "gina", edit), 409, "not-editable");
    assertRefused(call("DELETE", base + join, "gina", null), 409, "not-editable");
    assertRefused(
        call("PUT", base + join + "/reactions/" + emoji(THUMBS_UP), "frank", null),
        409,
        "not-editable");
    assertRefused(call("PATCH", base + gone.id(), "frank", edit), 409, "message-deleted");
    assertRefused(call("DELETE", base + gone.id(), "frank", null), 409, "message-deleted");
    assertRefused(
        call("PUT", base + gone.id() + "/reactions/" + emoji(THUMBS_UP), "gina", null),
        409,
        "message-deleted");

    // Input: content, JSON, emoji.
    assertRefused(
        call("PATCH", base + mine.id(), "frank", "{\"content\":\"\"}"), 400, "invalid-content");
    assertRefused(call("PATCH", base + mine.id(), "frank", "{}"), 400, "invalid-content");
    assertRefused(call("PATCH", base + mine.id(), "frank", "{\"content\":7}"), 400, "invalid-json");
    assertRefused(call("PATCH", base + mine.id(), "frank", "content=x"), 400, "invalid-json");
    for (String bad : List.of("a", ":)", THUMBS_UP + THUMBS_UP)) {
      assertRefused(
          call("PUT", base + mine.id() + "/reactions/" + emoji(bad), "gina", null),
          400,
          "invalid-emoji");
    }

    assertThat(log(room.id())).as("nothing changed").isEqualTo(before);
    assertThat(log(secret.id())).as("nothing changed").isEqualTo(secretBefore);
  }

  @Test
  void editsEndWithTheEditWindowDeletesAndReactionsDoNot() throws Exception {
    Room room = chat.createRoom("window", "ivan");
    ChatMessage old = chat.send(room.id(), "ivan", "old").join();
    String base = "/api/messages/" + room.id() + "/" + old.id();
    assertThat(call("PATCH", base, "ivan", "{\"content\":\"in time\"}").statusCode())
        .isEqualTo(200);
    awaitContent(room.id(), old.id(), "in time");

    // chatstack.messages.edit-window=1h
    CLOCK.advance(Duration.ofMinutes(61));
    List<ChatMessage> before = log(room.id());
    assertRefused(
        call("PATCH", base, "ivan", "{\"content\":\"too late\"}"), 403, "edit-window-expired");
    assertThat(log(room.id())).isEqualTo(before);
    assertThat(call("PUT", base + "/reactions/" + emoji(THUMBS_UP), "ivan", null).statusCode())
        .isEqualTo(200);
    assertThat(call("DELETE", base, "ivan", null).statusCode()).isEqualTo(200);
  }

  @Test
  void erasureIsRefusedInDevModeUnlessAllowedAndThenTombstonesHistory() throws Exception {
    Room room = chat.createRoom("erasure", "judy");
    chat.join(room.id(), "kim");
    ChatMessage first = chat.send(room.id(), "judy", "my address is ...").join();
    ChatMessage second = chat.send(room.id(), "judy", "call me").join();
    ChatMessage other = chat.send(room.id(), "kim", "ok").join();
    assertThat(
            call(
                    "PATCH",
                    "/api/messages/" + room.id() + "/" + second.id(),
                    "judy",
                    "{\"content\":\"call me at ...\"}")
                .statusCode())
        .isEqualTo(200);
    awaitContent(room.id(), second.id(), "call me at ...");
    List<ChatMessage> before = log(room.id());

    for (String caller : new String[] {null, "judy", "kim"}) {
      assertRefused(
          call("DELETE", "/api/admin/users/judy/messages", caller, null), 403, "forbidden");
    }
    assertThat(log(room.id())).as("nothing changed").isEqualTo(before);

    // A second node, allowed to erase in dev mode, on the same backends.
    try (ConfigurableApplicationContext admin = startNode(true)) {
      DevRestCalls adminRest = new DevRestCalls(port(admin));
      HttpResponse<String> erased =
          adminRest.call("DELETE", "/api/admin/users/judy/messages", null, null);
      assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
      assertThat(json(erased))
          .isEqualTo(ChatJson.mapper().readTree("{\"username\":\"judy\",\"erased\":2}"));
    }
    await()
        .untilAsserted(
            () -> {
              Map<String, JsonNode> history = history(room.id(), "kim");
              for (ChatMessage erased : List.of(first, second)) {
                JsonNode tombstone = history.get(erased.id());
                assertThat(tombstone.path("deleted").asBoolean()).isTrue();
                assertThat(tombstone.path("content").asText()).isEmpty();
                assertThat(tombstone.path("seq").asLong()).isEqualTo(erased.seq());
              }
              assertThat(history.get(other.id()).path("content").asText()).isEqualTo("ok");
            });
    // Replays: no content of judy's left, her edit record included.
    List<String> judysContent = new ArrayList<>();
    log(room.id()).stream()
        .filter(m -> m.sender().equals("judy"))
        .forEach(m -> judysContent.add(m.type() + ":" + m.content()));
    assertThat(judysContent)
        .contains("EDIT:")
        .doesNotContain("CHAT:call me", "EDIT:call me at ...");
    assertThat(judysContent).allSatisfy(c -> assertThat(c).matches("(CHAT|EDIT):|JOIN:.*"));
  }

  @Test
  void theRetentionPropertyCreatesTheTtlIndex() {
    try (MongoClient client = MongoClients.create(mongo.connectionString())) {
      List<Document> indexes =
          client
              .getDatabase(MONGO_DATABASE)
              .getCollection("chat_messages")
              .listIndexes()
              .into(new ArrayList<>());
      assertThat(indexes)
          .filteredOn(i -> "timestamp_ttl".equals(i.getString("name")))
          .singleElement()
          .satisfies(
              i -> {
                assertThat(i.get("key", Document.class)).containsEntry("timestamp", 1);
                assertThat(((Number) i.get("expireAfterSeconds")).longValue())
                    .isEqualTo(Duration.ofDays(30).toSeconds());
              });
    }
  }
}
