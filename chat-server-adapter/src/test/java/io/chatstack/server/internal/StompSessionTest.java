package io.chatstack.server.internal;

import static io.chatstack.server.TestFrame.connect;
import static io.chatstack.server.TestFrame.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.Room;
import io.chatstack.json.ChatJson;
import io.chatstack.server.StompLimits;
import io.chatstack.server.TestFrame;
import io.chatstack.stomp.StompDestinations;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StompSessionTest {
  private final EngineFixture fixture = new EngineFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void connectNegotiatesVersionAndAnnouncesServerHeartbeat() {
    EngineFixture.Connection c = fixture.open();
    c.session()
        .onText(
            frame(
                "CONNECT",
                "",
                "accept-version",
                "1.1,1.2",
                "heart-beat",
                "5000,5000",
                "login",
                "alice"));

    TestFrame connected = c.transport().frames().get(0);
    assertThat(connected.command()).isEqualTo("CONNECTED");
    assertThat(connected.header("version")).isEqualTo("1.2");
    assertThat(connected.header("heart-beat")).isEqualTo("0,0");
    assertThat(connected.header("user-name")).isEqualTo("alice");
    assertThat(c.transport().closed).isFalse();
  }

  @Test
  void aRefusedFrameDoesNotSwallowTheFramesAfterItInTheSameTransportMessage() {
    Room general = fixture.service.createRoom("general", "alice");
    Room other = fixture.service.createRoom("other", "bob");
    EngineFixture.Connection c = fixture.open();
    c.session().onText(connect("alice"));
    c.session().onText(frame("SUBSCRIBE", "", "id", "e", "destination", "/user/queue/errors"));

    // One WebSocket message, three frames: the second is refused (alice is not in "other").
    c.session()
        .onText(
            frame(
                    "SEND",
                    "{\"content\":\"first\"}",
                    "destination",
                    "/app/chat/send/" + general.id(),
                    "receipt",
                    "first")
                + frame(
                    "SEND",
                    "{\"seq\":0}",
                    "destination",
                    StompDestinations.DEFAULTS.markRead(other.id()),
                    "receipt",
                    "refused")
                + frame(
                    "SEND",
                    "{\"content\":\"after the refusal\"}",
                    "destination",
                    "/app/chat/send/" + general.id(),
                    "receipt",
                    "after"));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> receiptIds(c).contains("after") || c.transport().closed);
    assertThat(c.transport().closed).isFalse();
    assertThat(receiptIds(c)).containsExactly("first", "after");
    TestFrame refusal =
        c.transport().frames().stream()
            .filter(f -> f.command().equals("MESSAGE") && "refused".equals(f.header("receipt-id")))
            .findFirst()
            .orElseThrow();
    assertThat(refusal.body()).contains("not-participant");
    assertThat(
            fixture.service.history(general.id(), HistoryQuery.latest(10)).messages().stream()
                .map(ChatMessage::content))
        .contains("first", "after the refusal");
  }

  @Test
  void aProtocolViolationEndsTheConnectionAndTheFramesAfterItInTheSameMessageAreNotHandled() {
    Room general = fixture.service.createRoom("general", "alice");
    EngineFixture.Connection c = fixture.open();
    c.session().onText(connect("alice"));

    c.session()
        .onText(
            frame("ACK", "", "id", "1")
                + frame(
                    "SEND",
                    "{\"content\":\"after the violation\"}",
                    "destination",
                    "/app/chat/send/" + general.id(),
                    "receipt",
                    "after"));

    await().atMost(Duration.ofSeconds(10)).until(() -> c.transport().closed);
    assertThat(c.transport().commands()).containsExactly("CONNECTED", "ERROR");
    assertThat(c.transport().frames().get(1).header("code")).isEqualTo("unsupported-ack");
    assertThat(fixture.service.since(general.id(), -1, 100))
        .extracting(ChatMessage::content)
        .doesNotContain("after the violation");
  }

  private static List<String> receiptIds(EngineFixture.Connection c) {
    return c.transport().frames().stream()
        .filter(f -> f.command().equals("RECEIPT"))
        .map(f -> f.header("receipt-id"))
        .toList();
  }

  @Test
  void sendIsDeliveredToSubscriberAndAcknowledgedWithMessageIdAndSeq() {
    Room room = fixture.service.createRoom("general", "alice");
    EngineFixture.Connection c = fixture.open();
    c.session().onText(connect("alice"));
    c.session()
        .onText(
            frame(
                "SUBSCRIBE",
                "",
                "id",
                "s1",
                "destination",
                "/topic/chat/" + room.id(),
                "receipt",
                "r1"));
    c.session()
        .onText(
            frame(
                "SEND",
                "{\"content\":\"hello\",\"clientMsgId\":\"c1\"}",
                "destination",
                "/app/chat/send/" + room.id(),
                "receipt",
                "r2"));

    List<TestFrame> frames = c.transport().frames();
    TestFrame message =
        frames.stream()
            .filter(f -> f.command().equals("MESSAGE") && f.body().contains("hello"))
            .findFirst()
            .orElseThrow();
    TestFrame receipt =
        frames.stream().filter(f -> "r2".equals(f.header("receipt-id"))).findFirst().orElseThrow();
    ChatMessage stored = ChatJson.fromJson(message.body(), ChatMessage.class);
    assertThat(stored.sender()).isEqualTo("alice");
    assertThat(stored.clientMsgId()).isEqualTo("c1");
    assertThat(message.header("subscription")).isEqualTo("s1");
    assertThat(message.header("destination")).isEqualTo("/topic/chat/" + room.id());
    assertThat(message.header("content-type")).isEqualTo("application/json");
    assertThat(message.header("seq")).isEqualTo(Long.toString(stored.seq()));
    assertThat(receipt.header("message-id"))
        .isEqualTo(stored.id())
        .isEqualTo(message.header("message-id"));
    assertThat(receipt.header("seq")).isEqualTo(Long.toString(stored.seq()));
    assertThat(frames.stream().anyMatch(f -> "r1".equals(f.header("receipt-id")))).isTrue();
  }

  @Test
  void sinceSeqReplaysOnlyLaterMessagesInOrder() {
    Room room = fixture.service.createRoom("general", "alice");
    ChatMessage first = fixture.service.send(room.id(), "alice", "one").join();
    fixture.service.send(room.id(), "alice", "two").join();
    fixture.service.send(room.id(), "alice", "three").join();
    EngineFixture.Connection c = fixture.open();
    c.session().onText(connect("alice"));
    c.session()
        .onText(
            frame(
                "SUBSCRIBE",
                "",
                "id",
                "s1",
                "destination",
                "/topic/chat/" + room.id(),
                "since-seq",
                Long.toString(first.seq())));

    List<String> contents =
        c.transport().frames().stream()
            .filter(f -> f.command().equals("MESSAGE"))
            .map(f -> ChatJson.fromJson(f.body(), ChatMessage.class).content())
            .toList();
    assertThat(contents).containsExactly("two", "three");
  }

  @Test
  void frameBeforeConnectGetsErrorAndCloseAndChangesNothing() {
    Room room = fixture.service.createRoom("general", "alice");
    EngineFixture.Connection c = fixture.open();
    c.session()
        .onText(frame("SEND", "{\"content\":\"x\"}", "destination", "/app/chat/send/" + room.id()));

    assertThat(c.transport().commands()).containsExactly("ERROR");
    assertThat(c.transport().frames().get(0).header("code")).isEqualTo("not-connected");
    assertThat(c.transport().closed).isTrue();
    assertThat(
            fixture.service.history(room.id(), HistoryQuery.before(Long.MAX_VALUE, 10)).messages())
        .hasSize(1);
  }

  @Test
  void spoofedSenderIsRefused() {
    Room room = fixture.service.createRoom("general", "alice");
    fixture.service.join(room.id(), "mallory");
    EngineFixture.Connection c = fixture.open();
    c.session().onText(connect("mallory"));
    c.session()
        .onText(
            frame(
                "SEND",
                "{\"content\":\"x\",\"sender\":\"alice\"}",
                "destination",
                "/app/chat/send/" + room.id()));

    assertThat(c.transport().frames().get(1).header("code")).isEqualTo("sender-mismatch");
    assertThat(c.transport().closed).isTrue();
    assertThat(
            fixture.service.history(room.id(), HistoryQuery.before(Long.MAX_VALUE, 10)).messages())
        .allMatch(m -> !m.content().equals("x"));
  }

  @Test
  void applicationErrorsGoToTheErrorQueueWhenSubscribedAndKeepTheConnection() {
    EngineFixture.Connection c = fixture.open();
    c.session().onText(connect("alice"));
    c.session().onText(frame("SUBSCRIBE", "", "id", "e", "destination", "/user/queue/errors"));
    c.session()
        .onText(
            frame(
                "SEND",
                "{\"content\":\"x\"}",
                "destination",
                "/app/chat/send/999",
                "receipt",
                "r9"));

    TestFrame error = c.transport().frames().get(1);
    assertThat(error.command()).isEqualTo("MESSAGE");
    assertThat(error.header("subscription")).isEqualTo("e");
    assertThat(error.header("receipt-id")).isEqualTo("r9");
    assertThat(error.body()).contains("\"code\":\"room-not-found\"");
    assertThat(c.transport().closed).isFalse();
  }

  @Test
  void createRoomAndJoinBySend() {
    EngineFixture.Connection c = fixture.open();
    c.session().onText(connect("alice"));
    c.session()
        .onText(
            frame(
                "SEND",
                "{\"roomName\":\"lobby\"}",
                "destination",
                "/app/chat/rooms",
                "receipt",
                "r"));

    String roomId = c.transport().frames().get(1).header("room-id");
    Room room = fixture.service.room(Long.parseLong(roomId));
    assertThat(room.name()).isEqualTo("lobby");
    assertThat(room.participants()).containsExactly("alice");

    EngineFixture.Connection bob = fixture.open();
    bob.session().onText(connect("bob"));
    bob.session()
        .onText(frame("SEND", "", "destination", "/app/chat/join/" + roomId, "receipt", "j"));
    assertThat(bob.transport().frames().get(1).header("receipt-id")).isEqualTo("j");
    assertThat(fixture.service.room(room.id()).participants()).containsExactly("alice", "bob");
  }

  @Test
  void messageFramesAreEncodedOncePerMessage() {
    Room room = fixture.service.createRoom("general", "alice");
    ChatMessage message = fixture.service.send(room.id(), "alice", "hi").join();
    assertThat(fixture.runtime.shared().chatMessage(message))
        .isSameAs(fixture.runtime.shared().chatMessage(message));
  }

  @Test
  void clientSilentForTwiceTheHeartbeatIntervalIsDisconnected() {
    try (EngineFixture fast =
        new EngineFixture(
            io.chatstack.core.ChatService.builder().build(),
            StompLimits.DEFAULTS,
            Duration.ofMillis(100))) {
      EngineFixture.Connection c = fast.open();
      c.session()
          .onText(
              frame(
                  "CONNECT",
                  "",
                  "accept-version",
                  "1.2",
                  "heart-beat",
                  "100,100",
                  "login",
                  "alice"));

      await().atMost(Duration.ofSeconds(30)).until(() -> c.transport().closed);
      assertThat(c.transport().written).contains("\n");
      List<TestFrame> frames = c.transport().frames();
      assertThat(frames.get(frames.size() - 1).header("code")).isEqualTo("heart-beat-timeout");
    }
  }
}
