package io.chatstack.spring.websocket;

import static io.chatstack.spring.websocket.StompWire.frame;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.core.ChatService;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.Room;
import io.chatstack.core.RoomVisibility;
import io.chatstack.json.ChatJson;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The STOMP half of the security matrix, run once per authentication mode by a subclass: every
 * destination × {no credentials, malformed token, expired token, wrongly signed token, a valid user
 * who is not a participant, a participant, a body naming another user}, asserting the exact ERROR
 * or error-queue code and that a refusal changed nothing (rooms, participants, history). Rooms: one
 * public, one private and one direct room of {@code owner} and {@code member}.
 */
abstract class StompSecurityMatrix {
  /** What a client presents. */
  enum Credential {
    NONE,
    MALFORMED,
    EXPIRED,
    WRONGLY_SIGNED,
    VALID
  }

  @LocalServerPort int port;
  @Autowired ChatService chat;

  private String owner;
  private String member;
  private String outsider;
  private Room open;
  private Room secret;
  private Room direct;

  /** Handshake headers for {@code credential} of {@code user}. */
  abstract Map<String, String> handshake(Credential credential, String user);

  /** Extra CONNECT headers (name, value, ...) for {@code credential} of {@code user}. */
  abstract String[] connectHeaders(Credential credential, String user);

  @BeforeEach
  void rooms() {
    String run = Long.toString(System.nanoTime() % 1_000_000_000L);
    owner = "owner" + run;
    member = "member" + run;
    outsider = "outsider" + run;
    open = chat.createRoom("open", owner);
    chat.join(open.id(), member);
    secret = chat.createRoom("secret", owner, RoomVisibility.PRIVATE);
    chat.join(secret.id(), member, owner);
    direct = chat.directRoom(owner, member).room();
  }

  private URI uri() {
    return URI.create("ws://localhost:" + port + "/ws");
  }

  /**
   * Opens and sends CONNECT, followed in the same WebSocket message by {@code pipelined} frames
   * (the server may close right after the CONNECT, so they cannot be sent afterwards).
   */
  private StompWire connect(Credential credential, String user, String... pipelined)
      throws Exception {
    StompWire wire = StompWire.open(uri(), handshake(credential, user));
    String[] extra = connectHeaders(credential, user);
    String[] headers = new String[extra.length + 2];
    headers[0] = "accept-version";
    headers[1] = "1.2";
    System.arraycopy(extra, 0, headers, 2, extra.length);
    wire.send(frame("CONNECT", "", headers) + String.join("", pipelined));
    return wire;
  }

  private StompWire connected(String user) throws Exception {
    StompWire wire = connect(Credential.VALID, user);
    wire.await(f -> f.command().equals("CONNECTED"));
    wire.send(
        frame("SUBSCRIBE", "", "id", "err", "destination", "/user/queue/errors", "receipt", "e0"));
    wire.awaitReceipt("e0");
    return wire;
  }

  /** Rooms, their participants and history sizes: what a refusal must leave as it was. */
  private Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("rooms", chat.rooms());
    for (Room room : List.of(open, secret, direct)) {
      state.put("participants " + room.id(), chat.room(room.id()).participants());
      state.put(
          "history " + room.id(),
          chat.history(room.id(), HistoryQuery.latest(500)).messages().size());
    }
    return state;
  }

  @Test
  void invalidCredentialsAreRefusedAtConnectAndNothingElseIsProcessed() throws Exception {
    for (Credential credential :
        List.of(
            Credential.NONE, Credential.MALFORMED, Credential.EXPIRED, Credential.WRONGLY_SIGNED)) {
      Map<String, Object> before = state();
      // Frames pipelined behind the CONNECT must not be acted on.
      try (StompWire wire =
          connect(
              credential,
              member,
              frame("SEND", "{\"content\":\"sneaky\"}", "destination", send(open)),
              frame("SEND", "", "destination", "/app/chat/join/" + secret.id()))) {
        StompWire.Frame error = wire.await(f -> f.command().equals("ERROR"));
        assertThat(error.header("code")).as(credential.name()).isEqualTo("unauthenticated");
        wire.awaitClosed();
        assertThat(wire.frames())
            .as(credential.name())
            .noneMatch(f -> f.command().equals("CONNECTED"));
      }
      assertThat(state()).as(credential.name()).isEqualTo(before);
    }
  }

  @Test
  void aValidUserWhoIsNotAParticipantSeesOnlyPublicRoomsAndChangesNothing() throws Exception {
    Map<String, Object> before = state();
    try (StompWire wire = connected(outsider)) {
      Object[][] refused = {
        {"SUBSCRIBE", "/topic/chat/" + open.id(), "not-participant"},
        {"SUBSCRIBE", "/topic/chat/" + secret.id(), "room-not-found"},
        {"SUBSCRIBE", "/topic/chat/" + direct.id(), "room-not-found"},
        {"SUBSCRIBE", "/app/chat/history/" + open.id(), "not-participant"},
        {"SUBSCRIBE", "/app/chat/history/" + secret.id(), "room-not-found"},
        {"SUBSCRIBE", "/app/chat/history/" + direct.id(), "room-not-found"},
        {"SEND", send(open), "not-participant"},
        {"SEND", send(secret), "room-not-found"},
        {"SEND", send(direct), "room-not-found"},
        {"SEND", "/app/chat/join/" + secret.id(), "room-not-found"},
        {"SEND", "/app/chat/join/" + direct.id(), "room-not-found"},
        {"SEND", "/app/chat/leave/" + secret.id(), "room-not-found"},
        {"SEND", "/app/chat/leave/" + direct.id(), "room-not-found"},
        {"SEND", "/app/chat/invite/" + secret.id(), "room-not-found", "{\"username\":\"x1\"}"},
        {"SEND", "/app/chat/invite/" + open.id(), "forbidden", "{\"username\":\"x1\"}"},
        {
          "SEND",
          "/app/chat/remove/" + secret.id(),
          "room-not-found",
          "{\"username\":\"" + member + "\"}"
        },
        {"SEND", "/app/chat/remove/" + open.id(), "forbidden", "{\"username\":\"" + member + "\"}"},
        {"SEND", "/app/chat/invite/" + direct.id(), "room-not-found", "{\"username\":\"x1\"}"},
        {"SEND", send(secret), "room-not-found", "{\"type\":\"JOIN\"}"},
        {"SEND", send(direct), "room-not-found", "{\"type\":\"JOIN\"}"},
      };
      int n = 0;
      for (Object[] attempt : refused) {
        String receipt = "refused-" + n++;
        String destination = (String) attempt[1];
        if (attempt[0].equals("SUBSCRIBE")) {
          // Room topics with since-seq, so that replays are refused as live subscriptions are.
          wire.send(
              destination.startsWith("/topic/")
                  ? frame(
                      "SUBSCRIBE",
                      "",
                      "id",
                      "s" + n,
                      "destination",
                      destination,
                      "since-seq",
                      "-1",
                      "receipt",
                      receipt)
                  : frame(
                      "SUBSCRIBE",
                      "",
                      "id",
                      "s" + n,
                      "destination",
                      destination,
                      "receipt",
                      receipt));
        } else {
          String body = attempt.length > 3 ? (String) attempt[3] : "{\"content\":\"hi\"}";
          wire.send(frame("SEND", body, "destination", destination, "receipt", receipt));
        }
        StompWire.Frame error =
            wire.await(
                f ->
                    "err".equals(f.header("subscription"))
                        && f.body().contains("\"" + receipt + "\""));
        assertThat(ChatJson.mapper().readTree(error.body()).path("code").asText())
            .as(attempt[0] + " " + destination)
            .isEqualTo(attempt[2]);
      }
      assertThat(state()).isEqualTo(before);

      wire.send(
          frame("SUBSCRIBE", "", "id", "list", "destination", "/app/chat/rooms", "receipt", "l"));
      wire.awaitReceipt("l");
      JsonNode list =
          ChatJson.mapper()
              .readTree(wire.await(f -> "list".equals(f.header("subscription"))).body());
      assertThat(list.findValuesAsText("id"))
          .contains(Long.toString(open.id()))
          .doesNotContain(Long.toString(secret.id()), Long.toString(direct.id()));

      wire.send(
          frame("SUBSCRIBE", "", "id", "events", "destination", "/topic/rooms", "receipt", "t"));
      wire.awaitReceipt("t");
      Room hidden = chat.createRoom("hidden-" + n, owner, RoomVisibility.PRIVATE);
      chat.join(secret.id(), "guest" + n, owner);
      String markerName = "marker-" + n;
      Room marker = chat.createRoom(markerName, owner);
      wire.await(f -> "events".equals(f.header("subscription")) && f.body().contains(markerName));
      assertThat(wire.frames())
          .filteredOn(f -> "events".equals(f.header("subscription")))
          .noneMatch(f -> f.body().contains("\"id\":" + hidden.id() + ","))
          .noneMatch(f -> f.body().contains("\"id\":" + secret.id() + ","));
      assertThat(marker.id()).isGreaterThan(hidden.id());
    }
  }

  @Test
  void aParticipantReadsWritesAndSubscribesInEveryKindOfRoom() throws Exception {
    try (StompWire wire = connected(member)) {
      for (Room room : List.of(open, secret, direct)) {
        String id = Long.toString(room.id());
        wire.send(
            frame(
                "SUBSCRIBE",
                "",
                "id",
                "room" + id,
                "destination",
                "/topic/chat/" + id,
                "receipt",
                "sub" + id));
        wire.awaitReceipt("sub" + id);
        wire.send(
            frame(
                "SUBSCRIBE",
                "",
                "id",
                "h" + id,
                "destination",
                "/app/chat/history/" + id,
                "receipt",
                "hist" + id));
        wire.awaitReceipt("hist" + id);
        assertThat(wire.await(f -> ("h" + id).equals(f.header("subscription"))).body())
            .contains("\"messages\"");
        wire.send(
            frame(
                "SEND",
                "{\"content\":\"hello " + id + "\"}",
                "destination",
                send(room),
                "receipt",
                "m" + id));
        assertThat(wire.awaitReceipt("m" + id).header("seq")).isNotBlank();
        wire.await(
            f ->
                ("room" + id).equals(f.header("subscription")) && f.body().contains("hello " + id));
      }
      wire.send(
          frame("SUBSCRIBE", "", "id", "list", "destination", "/app/chat/rooms", "receipt", "l"));
      wire.awaitReceipt("l");
      JsonNode list =
          ChatJson.mapper()
              .readTree(wire.await(f -> "list".equals(f.header("subscription"))).body());
      assertThat(list.findValuesAsText("id"))
          .contains(
              Long.toString(open.id()), Long.toString(secret.id()), Long.toString(direct.id()));
    }
  }

  @Test
  void aBodyNamingAnotherUserIsRefusedAndChangesNothing() throws Exception {
    String[][] spoofs = {
      {send(secret), "{\"content\":\"as the owner\",\"sender\":\"" + "OWNER" + "\"}"},
      {"/app/chat/rooms", "{\"roomName\":\"spoofed\",\"creator\":\"" + "OWNER" + "\"}"},
    };
    for (String[] spoof : spoofs) {
      Map<String, Object> before = state();
      try (StompWire wire = connected(member)) {
        wire.send(
            frame(
                "SEND", spoof[1].replace("OWNER", owner), "destination", spoof[0], "receipt", "x"));
        assertThat(wire.await(f -> f.command().equals("ERROR")).header("code"))
            .as(spoof[0])
            .isEqualTo("sender-mismatch");
        wire.awaitClosed();
      }
      assertThat(state()).as(spoof[0]).isEqualTo(before);
    }
  }

  @Test
  void leavingEndsTheLiveSubscriptionAndNothingAfterTheLeaveArrives() throws Exception {
    try (StompWire wire = connected(member);
        StompWire other = connected(member)) {
      wire.send(
          frame(
              "SUBSCRIBE",
              "",
              "id",
              "live",
              "destination",
              "/topic/chat/" + secret.id(),
              "receipt",
              "s"));
      wire.awaitReceipt("s");
      other.send(
          frame("SEND", "", "destination", "/app/chat/leave/" + secret.id(), "receipt", "b"));
      other.awaitReceipt("b");
      JsonNode revoked =
          ChatJson.mapper()
              .readTree(
                  wire.await(
                          f ->
                              "err".equals(f.header("subscription"))
                                  && f.body().contains("subscription-revoked"))
                      .body());
      assertThat(revoked.path("roomId").asLong()).isEqualTo(secret.id());
      assertThat(revoked.path("subscription").asText()).isEqualTo("live");
      chat.send(secret.id(), owner, "after the leave").join();
      assertThat(chat.room(secret.id()).participants()).doesNotContain(member);
      // The owner's message is in the log after the LEAVE; the revoked subscription never gets it.
      try (StompWire ownerWire = connected(owner)) {
        ownerWire.send(
            frame(
                "SUBSCRIBE",
                "",
                "id",
                "o",
                "destination",
                "/topic/chat/" + secret.id(),
                "since-seq",
                "-1",
                "receipt",
                "os"));
        ownerWire.await(
            f -> "o".equals(f.header("subscription")) && f.body().contains("after the leave"));
      }
      assertThat(wire.frames())
          .filteredOn(f -> "live".equals(f.header("subscription")))
          .noneMatch(f -> f.body().contains("after the leave"));
    }
  }

  private static String send(Room room) {
    return "/app/chat/send/" + room.id();
  }
}
