package io.chatstack.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.core.ChatService;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.Room;
import io.chatstack.core.RoomSummary;
import io.chatstack.json.ChatJson;
import io.chatstack.server.ChatPrincipal;
import io.chatstack.server.RoomAccess;
import io.chatstack.server.RoomAuthorizer;
import io.chatstack.server.TestFrame;
import io.chatstack.stomp.Command;
import io.chatstack.stomp.ErrorCodes;
import io.chatstack.stomp.FrameWriter;
import io.chatstack.stomp.StompFrame;
import io.chatstack.stomp.StompProtocolException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one-shot queries (room list, history) and the history headers' rules, without a session. */
class SessionQueriesTest {
  private final ChatService service = ChatService.builder().build();
  private final RecordingReplies replies = new RecordingReplies();
  private final SessionQueries queries =
      new SessionQueries(
          new ChatPrincipal("alice"),
          new RoomAccess(service, RoomAuthorizer.defaults()),
          new FrameWriter(),
          replies);

  @AfterEach
  void close() {
    service.close();
  }

  @Test
  void withoutHeadersTheLatestDefaultPage() {
    assertThat(SessionQueries.query(Map.of()))
        .isEqualTo(HistoryQuery.latest(SessionQueries.DEFAULT_LIMIT));
  }

  @Test
  void beforeAndAfterSeqAreReadWithTheLimit() {
    assertThat(SessionQueries.query(Map.of("before-seq", "17", "limit", "3")))
        .isEqualTo(HistoryQuery.before(17, 3));
    assertThat(SessionQueries.query(Map.of("after-seq", "0", "limit", "1")))
        .isEqualTo(HistoryQuery.after(0, 1));
    assertThat(SessionQueries.query(Map.of("after-seq", "9", "limit", "1000")))
        .isEqualTo(HistoryQuery.after(9, HistoryQuery.MAX_LIMIT));
  }

  @Test
  void badHistoryHeadersAreRefused() {
    assertBad(Map.of("before-seq", "1", "after-seq", "2"), "not both");
    assertBad(Map.of("limit", "0"), "limit must be");
    assertBad(Map.of("limit", "1001"), "limit must be");
    assertBad(Map.of("limit", "abc"), "limit must be");
    assertBad(Map.of("after-seq", "-1"), "after-seq must be a non-negative integer");
    assertBad(Map.of("before-seq", "01"), "before-seq must be a non-negative integer");
    assertBad(Map.of("before-seq", "9999999999999999999"), "before-seq is out of range");
  }

  private static void assertBad(Map<String, String> headers, String message) {
    assertThatThrownBy(() -> SessionQueries.query(headers))
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.BAD_HISTORY_QUERY))
        .hasMessageContaining(message);
  }

  @Test
  void roomsAnswersOneMessageOnTheSubscription() {
    service.createRoom("general", "bob");

    queries.rooms("q1", "/app/chat/rooms");

    TestFrame answer = replies.frames().get(0);
    assertThat(replies.delivered).hasSize(1);
    assertThat(answer.command()).isEqualTo("MESSAGE");
    assertThat(answer.header("subscription")).isEqualTo("q1");
    assertThat(answer.header("destination")).isEqualTo("/app/chat/rooms");
    assertThat(answer.header("message-id")).isNotBlank();
    assertThat(answer.header("content-type")).isEqualTo("application/json");
    assertThat(answer.body()).contains("\"general\"");
  }

  @Test
  void historyAnswersThePageOfTheQuery() {
    Room room = service.createRoom("general", "alice");
    service.send(room.id(), "alice", "one").join();
    service.send(room.id(), "alice", "two").join();

    queries.history(
        room.id(),
        new StompFrame(Command.SUBSCRIBE, Map.of("limit", "1"), new byte[0]),
        "h1",
        "/app/chat/history/" + room.id());

    TestFrame answer = replies.frames().get(0);
    assertThat(answer.header("subscription")).isEqualTo("h1");
    assertThat(answer.body()).contains("\"two\"").doesNotContain("\"one\"");
    assertThat(answer.body()).contains("\"hasMore\":true");
  }

  @Test
  void theRoomListCarriesTheReadStateOfTheRoomsTheUserIsIn() throws Exception {
    Room mine = service.createRoom("mine", "bob");
    Room theirs = service.createRoom("theirs", "bob");
    service.join(mine.id(), "alice");
    long first = service.send(mine.id(), "bob", "one").join().seq();
    service.send(mine.id(), "bob", "two").join();
    service.send(mine.id(), "alice", "mine do not count").join();
    service.readStates().markRead(mine.id(), "alice", first);

    queries.rooms("q1", "/app/chat/rooms");

    JsonNode list = ChatJson.mapper().readTree(replies.frames().get(0).body());
    assertThat(list).hasSize(2);
    JsonNode in = list.get(0);
    assertThat(in.path("id").asLong()).isEqualTo(mine.id());
    assertThat(in.path("name").asText()).isEqualTo("mine");
    assertThat(in.path("lastReadSeq").asLong()).isEqualTo(first);
    assertThat(in.path("unreadCount").asLong()).isEqualTo(1);
    assertThat(in.path("createdAt").asText()).isEqualTo(mine.createdAt().toString());
    JsonNode out = list.get(1);
    assertThat(out.path("id").asLong()).isEqualTo(theirs.id());
    assertThat(out.has("lastReadSeq")).isFalse();
    assertThat(out.has("unreadCount")).isFalse();
    // the summary is read back as before
    assertThat(ChatJson.mapper().treeToValue(in, RoomSummary.class))
        .isEqualTo(service.summary(mine.id()));
  }
}
