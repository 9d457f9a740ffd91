package io.chatstack.server;

import static io.chatstack.server.TestFrame.frame;
import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.core.ChatService;
import io.chatstack.core.ReadState;
import io.chatstack.core.Room;
import io.chatstack.core.RoomVisibility;
import io.chatstack.core.SignalSettings;
import io.chatstack.json.ChatJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Presence, typing and read state over the wire, on the standalone Tyrus server: each destination
 * delivers what the protocol says, refusals change nothing, and a leave ends a room's signal
 * subscriptions.
 */
class SignalsIT {
  static final SignalSettings FAST =
      SignalSettings.DEFAULTS
          .withPresenceGrace(Duration.ofMillis(200))
          .withTypingThrottle(Duration.ZERO)
          .withTypingTimeout(Duration.ofMillis(500))
          .withReceiptInterval(Duration.ZERO);
  static ServerFixture fixture;

  @BeforeAll
  static void start() {
    fixture = new ServerFixture(ChatService.builder().signalSettings(FAST).build());
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static RawStompClient withErrors(String user) throws Exception {
    RawStompClient client = RawStompClient.connected(fixture.uri(), user);
    subscribe(client, "err", "/user/queue/errors", "e");
    return client;
  }

  private static void subscribe(RawStompClient client, String id, String destination, String r)
      throws Exception {
    client.send(frame("SUBSCRIBE", "", "id", id, "destination", destination, "receipt", r));
    client.awaitReceipt(r);
  }

  private static JsonNode json(TestFrame f) {
    try {
      return ChatJson.mapper().readTree(f.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Predicate<TestFrame> on(String subscription, String body) {
    return f ->
        f.command().equals("MESSAGE")
            && subscription.equals(f.header("subscription"))
            && f.body().equals(body);
  }

  private static List<TestFrame> on(RawStompClient client, String subscription) {
    return client.messages().stream()
        .filter(f -> subscription.equals(f.header("subscription")))
        .toList();
  }

  private static JsonNode errorFor(RawStompClient client, String receipt) {
    return json(
        client.await(
            f ->
                "err".equals(f.header("subscription"))
                    && receipt.equals(json(f).path("receiptId").asText())));
  }

  @Test
  void presenceStartsWithASnapshotThenTellsWhoComesOnlineAndGoesOffline() throws Exception {
    Room room = fixture.service.createRoom("presence", "alice1");
    fixture.service.join(room.id(), "bob1");
    try (RawStompClient alice = withErrors("alice1")) {
      subscribe(alice, "p", "/topic/chat/" + room.id() + "/presence", "r");
      TestFrame snapshot =
          alice.await(on("p", "{\"type\":\"snapshot\",\"online\":[\"alice1\"],\"count\":1}"));
      assertThat(snapshot.header("destination"))
          .isEqualTo("/topic/chat/" + room.id() + "/presence");
      assertThat(snapshot.header("content-type")).isEqualTo("application/json");
      assertThat(on(alice, "p").get(0)).isEqualTo(snapshot);

      RawStompClient bob = RawStompClient.connected(fixture.uri(), "bob1");
      alice.await(on("p", "{\"type\":\"online\",\"user\":\"bob1\",\"count\":2}"));
      bob.close();
      alice.await(on("p", "{\"type\":\"offline\",\"user\":\"bob1\",\"count\":1}"));
    }
  }

  @Test
  void typingIsForwardedAndEndsByItself() throws Exception {
    Room room = fixture.service.createRoom("typing", "alice2");
    fixture.service.join(room.id(), "bob2");
    try (RawStompClient alice = withErrors("alice2");
        RawStompClient bob = withErrors("bob2")) {
      subscribe(alice, "t", "/topic/chat/" + room.id() + "/typing", "r");
      bob.send(
          frame(
              "SEND",
              "{\"typing\":true}",
              "destination",
              "/app/chat/typing/" + room.id(),
              "receipt",
              "t1"));
      assertThat(bob.awaitReceipt("t1").header("room-id")).isEqualTo(Long.toString(room.id()));
      TestFrame typing = alice.await(on("t", "{\"user\":\"bob2\",\"typing\":true}"));
      assertThat(typing.header("destination")).isEqualTo("/topic/chat/" + room.id() + "/typing");
      alice.await(on("t", "{\"user\":\"bob2\",\"typing\":false}"));
    }
  }

  @Test
  void aReadMarkIsReceiptedAndReachesTheReadStateQueueAndTheReceiptSubscribers() throws Exception {
    Room room = fixture.service.createRoom("reads", "alice3");
    fixture.service.join(room.id(), "bob3");
    long first = fixture.service.send(room.id(), "alice3", "one").join().seq();
    fixture.service.send(room.id(), "alice3", "two").join();
    try (RawStompClient alice = withErrors("alice3");
        RawStompClient bob = withErrors("bob3");
        RawStompClient bobsPhone = withErrors("bob3")) {
      subscribe(alice, "reads", "/topic/chat/" + room.id() + "/reads", "r1");
      subscribe(bobsPhone, "mine", "/user/queue/read-state", "r2");

      bob.send(
          frame(
              "SEND",
              "{\"seq\":" + first + "}",
              "destination",
              "/app/chat/read/" + room.id(),
              "receipt",
              "read"));
      TestFrame receipt = bob.awaitReceipt("read");
      assertThat(receipt.header("last-read-seq")).isEqualTo(Long.toString(first));
      assertThat(receipt.header("unread-count")).isEqualTo("1");
      alice.await(on("reads", "{\"user\":\"bob3\",\"seq\":" + first + "}"));
      TestFrame state =
          bobsPhone.await(
              on(
                  "mine",
                  "{\"roomId\":"
                      + room.id()
                      + ",\"lastReadSeq\":"
                      + first
                      + ",\"unreadCount\":1}"));
      assertThat(state.header("destination")).isEqualTo("/user/queue/read-state");
      // a new message from someone else raises the count on the queue too
      fixture.service.send(room.id(), "alice3", "three").join();
      bobsPhone.await(
          on(
              "mine",
              "{\"roomId\":" + room.id() + ",\"lastReadSeq\":" + first + ",\"unreadCount\":2}"));
    }
  }

  @Test
  void anInvalidSeqIsReportedAndChangesNothing() throws Exception {
    Room room = fixture.service.createRoom("invalid", "alice4");
    long seq = fixture.service.send(room.id(), "alice4", "one").join().seq();
    ReadState before = fixture.service.readStates().state(room.id(), "alice4");
    try (RawStompClient alice = withErrors("alice4")) {
      String[] bodies = {"{}", "{\"seq\":-2}", "{\"seq\":\"1\"}", "{\"seq\":2.5}"};
      for (int i = 0; i < bodies.length; i++) {
        alice.send(
            frame(
                "SEND",
                bodies[i],
                "destination",
                "/app/chat/read/" + room.id(),
                "receipt",
                "b" + i));
        assertThat(errorFor(alice, "b" + i).path("code").asText())
            .as(bodies[i])
            .isEqualTo("invalid-seq");
      }
      assertThat(fixture.service.readStates().state(room.id(), "alice4")).isEqualTo(before);
      // the connection goes on
      alice.send(
          frame(
              "SEND",
              "{\"seq\":" + seq + "}",
              "destination",
              "/app/chat/read/" + room.id(),
              "receipt",
              "ok"));
      assertThat(alice.awaitReceipt("ok").header("last-read-seq")).isEqualTo(Long.toString(seq));
    }
  }

  @Test
  void nonParticipantsAreRefusedEveryDestinationAndNothingChanges() throws Exception {
    Room open = fixture.service.createRoom("open", "alice5");
    Room hidden = fixture.service.createRoom("hidden", "alice5", RoomVisibility.PRIVATE);
    try (RawStompClient alice = withErrors("alice5");
        RawStompClient eve = withErrors("eve5")) {
      subscribe(alice, "t", "/topic/chat/" + open.id() + "/typing", "r");
      int n = 0;
      for (Room room : List.of(open, hidden)) {
        String code = room == open ? "not-participant" : "room-not-found";
        for (String kind : List.of("presence", "typing", "reads")) {
          String receipt = "s" + n++;
          eve.send(
              frame(
                  "SUBSCRIBE",
                  "",
                  "id",
                  "x",
                  "destination",
                  "/topic/chat/" + room.id() + "/" + kind,
                  "receipt",
                  receipt));
          assertThat(errorFor(eve, receipt).path("code").asText()).as(kind).isEqualTo(code);
        }
        String receipt = "t" + n++;
        eve.send(
            frame(
                "SEND",
                "{\"typing\":true}",
                "destination",
                "/app/chat/typing/" + room.id(),
                "receipt",
                receipt));
        assertThat(errorFor(eve, receipt).path("code").asText()).isEqualTo(code);
        receipt = "m" + n++;
        eve.send(
            frame(
                "SEND",
                "{\"seq\":0}",
                "destination",
                "/app/chat/read/" + room.id(),
                "receipt",
                receipt));
        assertThat(errorFor(eve, receipt).path("code").asText()).isEqualTo(code);
      }
      // eve's id "x" was never taken, her typing never reached alice, her read state is as before
      subscribe(eve, "x", "/user/queue/read-state", "free");
      alice.send(
          frame(
              "SEND",
              "{\"typing\":true}",
              "destination",
              "/app/chat/typing/" + open.id(),
              "receipt",
              "own"));
      alice.await(on("t", "{\"user\":\"alice5\",\"typing\":true}"));
      assertThat(on(alice, "t")).noneMatch(f -> f.body().contains("eve5"));
      assertThat(fixture.service.readStates().states("eve5")).isEmpty();
      assertThat(fixture.service.room(open.id()).participants()).doesNotContain("eve5");
    }
  }

  @Test
  void leavingEndsEverySubscriptionOfTheRoomAndTellsEachId() throws Exception {
    Room room = fixture.service.createRoom("leave", "alice6");
    fixture.service.join(room.id(), "bob6");
    try (RawStompClient bob = withErrors("bob6");
        RawStompClient bobElsewhere = withErrors("bob6")) {
      subscribe(bob, "room", "/topic/chat/" + room.id(), "s1");
      subscribe(bob, "p", "/topic/chat/" + room.id() + "/presence", "s2");
      subscribe(bob, "t", "/topic/chat/" + room.id() + "/typing", "s3");
      subscribe(bob, "r", "/topic/chat/" + room.id() + "/reads", "s4");
      subscribe(bob, "mine", "/user/queue/read-state", "s5");

      bobElsewhere.send(
          frame("SEND", "", "destination", "/app/chat/leave/" + room.id(), "receipt", "bye"));
      bobElsewhere.awaitReceipt("bye");

      org.awaitility.Awaitility.await()
          .atMost(RawStompClient.WAIT)
          .until(() -> revoked(bob).size() == 4);
      assertThat(revoked(bob)).containsExactlyInAnyOrder("room", "p", "t", "r");
      // the ids are free again; bob, no longer a participant, is refused
      bob.send(
          frame(
              "SUBSCRIBE",
              "",
              "id",
              "t",
              "destination",
              "/topic/chat/" + room.id() + "/typing",
              "receipt",
              "again"));
      assertThat(errorFor(bob, "again").path("code").asText()).isEqualTo("not-participant");
      // the read-state queue is the user's own: it stays
      bob.send(frame("UNSUBSCRIBE", "", "id", "mine", "receipt", "u"));
      bob.awaitReceipt("u");
    }
  }

  private static List<String> revoked(RawStompClient client) {
    return client.messages().stream()
        .filter(f -> "err".equals(f.header("subscription")))
        .map(SignalsIT::json)
        .filter(j -> j.path("code").asText().equals("subscription-revoked"))
        .map(j -> j.path("subscription").asText())
        .toList();
  }

  @Test
  void theRoomListCarriesLastReadSeqAndUnreadCount() throws Exception {
    Room in = fixture.service.createRoom("listed", "bob7");
    fixture.service.join(in.id(), "alice7");
    long first = fixture.service.send(in.id(), "bob7", "one").join().seq();
    fixture.service.send(in.id(), "bob7", "two").join();
    fixture.service.readStates().markRead(in.id(), "alice7", first);
    Room out = fixture.service.createRoom("not in", "bob7");
    try (RawStompClient alice = withErrors("alice7")) {
      subscribe(alice, "q", "/app/chat/rooms", "l");
      JsonNode list = json(alice.await(f -> "q".equals(f.header("subscription"))));
      JsonNode mine = null;
      JsonNode theirs = null;
      for (JsonNode entry : list) {
        if (entry.path("id").asLong() == in.id()) {
          mine = entry;
        } else if (entry.path("id").asLong() == out.id()) {
          theirs = entry;
        }
      }
      assertThat(mine).isNotNull();
      assertThat(mine.path("lastReadSeq").asLong()).isEqualTo(first);
      assertThat(mine.path("unreadCount").asLong()).isEqualTo(1);
      assertThat(theirs).isNotNull();
      assertThat(theirs.has("lastReadSeq")).isFalse();
      assertThat(theirs.has("unreadCount")).isFalse();
    }
  }

  @Test
  void withJwtAuthenticationTheSameRulesApply() throws Exception {
    byte[] secret = "signals-secret-signals-secret-32".getBytes(StandardCharsets.UTF_8);
    try (ChatService service = ChatService.builder().signalSettings(FAST).build();
        ChatServer server =
            ChatServer.builder()
                .port(0)
                .config(
                    StompServerConfig.builder(service, JwtAuthenticator.hmacSha256(secret).build())
                        .build())
                .build()
                .start()) {
      Room room = service.createRoom("jwt", "alice8");
      try (RawStompClient alice = RawStompClient.open(server.uri());
          RawStompClient eve = RawStompClient.open(server.uri())) {
        for (RawStompClient c : List.of(alice, eve)) {
          String user = c == alice ? "alice8" : "eve8";
          String token =
              JWT.create()
                  .withSubject(user)
                  .withExpiresAt(Instant.now().plusSeconds(300))
                  .sign(Algorithm.HMAC256(secret));
          c.send(frame("CONNECT", "", "accept-version", "1.2", "Authorization", "Bearer " + token));
          c.await(f -> f.command().equals("CONNECTED"));
          subscribe(c, "err", "/user/queue/errors", "e");
        }
        subscribe(alice, "p", "/topic/chat/" + room.id() + "/presence", "r");
        alice.await(on("p", "{\"type\":\"snapshot\",\"online\":[\"alice8\"],\"count\":1}"));
        eve.send(
            frame(
                "SUBSCRIBE",
                "",
                "id",
                "p",
                "destination",
                "/topic/chat/" + room.id() + "/presence",
                "receipt",
                "no"));
        assertThat(errorFor(eve, "no").path("code").asText()).isEqualTo("not-participant");
        alice.send(
            frame(
                "SEND",
                "{\"seq\":0}",
                "destination",
                "/app/chat/read/" + room.id(),
                "receipt",
                "m"));
        assertThat(alice.awaitReceipt("m").header("unread-count")).isEqualTo("0");
      }
    }
  }
}
