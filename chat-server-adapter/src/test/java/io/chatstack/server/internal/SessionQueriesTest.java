package io.chatstack.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.ChatService;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.Room;
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
}
