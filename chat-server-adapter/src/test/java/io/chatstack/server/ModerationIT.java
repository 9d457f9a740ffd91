package io.chatstack.server;

import static io.chatstack.server.TestFrame.frame;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.MessageType;
import io.chatstack.core.Room;
import io.chatstack.core.RoomNotFoundException;
import io.chatstack.core.RoomRole;
import io.chatstack.json.ChatJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Moderation over the wire (SEND /app/chat/moderation/{roomId}): refusals reach the actor with
 * their code and change nothing; a ban ends the target's live subscription right after the SYSTEM
 * message and refuses their rejoin; a mute refuses sends with {@code muted}; rename, roles and
 * deleting the room (which ends every subscription); a since-seq replay ending after a kick is
 * revoked.
 */
class ModerationIT {
  static ServerFixture fixture;

  @BeforeAll
  static void start() {
    fixture = new ServerFixture(ChatService.builder().build());
  }

  @AfterAll
  static void stop() {
    fixture.close();
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

  /** A SEND and its outcome: its RECEIPT or its application error on the error queue. */
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

  private static JsonNode json(TestFrame f) {
    try {
      return ChatJson.mapper().readTree(f.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String code(TestFrame f) {
    assertThat(f.command()).as("%s", f).isEqualTo("MESSAGE");
    return json(f).path("code").asText();
  }

  private static void receipt(TestFrame f) {
    assertThat(f.command()).as("%s", f).isEqualTo("RECEIPT");
  }

  private static String moderation(long roomId) {
    return "/app/chat/moderation/" + roomId;
  }

  /** The revocation notice of subscription {@code id} on the error queue. */
  private static boolean revoked(TestFrame f, String id) {
    return "err".equals(f.header("subscription"))
        && "subscription-revoked".equals(json(f).path("code").asText())
        && id.equals(json(f).path("subscription").asText());
  }

  @Test
  void aMembersModerationIsRefusedAndChangesNothing() throws Exception {
    Room room = fixture.service.createRoom("refusals", "owner1");
    fixture.service.join(room.id(), "member1");
    fixture.service.join(room.id(), "other1");
    List<ChatMessage> before = fixture.service.since(room.id(), -1, 100);
    Room stateBefore = fixture.service.room(room.id());
    try (RawStompClient member = RawStompClient.connected(fixture.uri(), "member1")) {
      subscribe(member, "err", "/user/queue/errors");
      for (String body :
          List.of(
              "{\"action\":\"kick\",\"username\":\"other1\"}",
              "{\"action\":\"mute\",\"username\":\"other1\"}",
              "{\"action\":\"role\",\"username\":\"other1\",\"role\":\"MODERATOR\"}",
              "{\"action\":\"rename\",\"roomName\":\"mine\"}",
              "{\"action\":\"delete\"}")) {
        assertThat(code(send(member, moderation(room.id()), body, "r-" + body.hashCode())))
            .as(body)
            .isEqualTo("forbidden");
      }
      assertThat(
              code(
                  send(
                      member,
                      moderation(room.id()),
                      "{\"action\":\"slap\",\"username\":\"x\"}",
                      "r-bad")))
          .isEqualTo("invalid-action");
    }
    assertThat(fixture.service.since(room.id(), -1, 100)).isEqualTo(before);
    assertThat(fixture.service.room(room.id())).isEqualTo(stateBefore);
  }

  @Test
  void aBanEndsTheTargetsSubscriptionAndRefusesTheRejoin() throws Exception {
    Room room = fixture.service.createRoom("bans", "owner2");
    fixture.service.join(room.id(), "bob2");
    try (RawStompClient owner = RawStompClient.connected(fixture.uri(), "owner2");
        RawStompClient bob = RawStompClient.connected(fixture.uri(), "bob2")) {
      subscribe(owner, "err", "/user/queue/errors");
      subscribe(bob, "err", "/user/queue/errors");
      subscribe(bob, "room", "/topic/chat/" + room.id());
      subscribe(bob, "typing", "/topic/chat/" + room.id() + "/typing");

      receipt(
          send(
              owner,
              moderation(room.id()),
              "{\"action\":\"ban\",\"username\":\"bob2\",\"reason\":\"spam\"}",
              "ban"));
      TestFrame system = bob.await(f -> "room".equals(f.header("subscription")));
      assertThat(json(system).path("type").asText()).isEqualTo("SYSTEM");
      assertThat(json(system).path("metadata").path("action").asText()).isEqualTo("ban");
      assertThat(json(system).path("metadata").path("target").asText()).isEqualTo("bob2");
      bob.await(f -> revoked(f, "room"));
      bob.await(f -> revoked(f, "typing"));

      assertThat(code(send(bob, "/app/chat/join/" + room.id(), "", "rejoin"))).isEqualTo("banned");
      assertThat(fixture.service.room(room.id()).hasParticipant("bob2")).isFalse();
      receipt(
          send(owner, moderation(room.id()), "{\"action\":\"unban\",\"username\":\"bob2\"}", "u"));
      receipt(send(bob, "/app/chat/join/" + room.id(), "", "rejoin2"));
    }
  }

  @Test
  void aMutedUsersSendIsRefusedUntilUnmuted() throws Exception {
    Room room = fixture.service.createRoom("mutes", "owner3");
    fixture.service.join(room.id(), "bob3");
    fixture.service.join(room.id(), "mod3");
    fixture.service.moderation().setRole(room.id(), "owner3", "mod3", RoomRole.MODERATOR);
    try (RawStompClient mod = RawStompClient.connected(fixture.uri(), "mod3");
        RawStompClient bob = RawStompClient.connected(fixture.uri(), "bob3")) {
      subscribe(mod, "err", "/user/queue/errors");
      subscribe(bob, "err", "/user/queue/errors");
      receipt(
          send(
              mod,
              moderation(room.id()),
              "{\"action\":\"mute\",\"username\":\"bob3\",\"until\":\"2999-01-01T00:00:00Z\"}",
              "m"));
      String send = "/app/chat/send/" + room.id();
      assertThat(code(send(bob, send, "{\"content\":\"hello\"}", "s1"))).isEqualTo("muted");
      assertThat(fixture.service.since(room.id(), -1, 100))
          .noneMatch(m -> m.type() == MessageType.CHAT);
      receipt(
          send(mod, moderation(room.id()), "{\"action\":\"unmute\",\"username\":\"bob3\"}", "u"));
      receipt(send(bob, send, "{\"content\":\"hello\"}", "s2"));
      assertThat(
              code(
                  send(
                      mod,
                      moderation(room.id()),
                      "{\"action\":\"mute\",\"username\":\"bob3\",\"until\":\"soon\"}",
                      "bad")))
          .isEqualTo("invalid-until");
    }
  }

  @Test
  void renameRoleAndDeleteEndEverySubscription() throws Exception {
    Room room = fixture.service.createRoom("admin", "owner4");
    fixture.service.join(room.id(), "bob4");
    try (RawStompClient owner = RawStompClient.connected(fixture.uri(), "owner4");
        RawStompClient bob = RawStompClient.connected(fixture.uri(), "bob4")) {
      subscribe(owner, "err", "/user/queue/errors");
      subscribe(bob, "err", "/user/queue/errors");
      subscribe(bob, "room", "/topic/chat/" + room.id());
      subscribe(bob, "rooms", "/topic/rooms");

      receipt(
          send(
              owner,
              moderation(room.id()),
              "{\"action\":\"rename\",\"roomName\":\"Lounge\"}",
              "n"));
      receipt(
          send(
              owner,
              moderation(room.id()),
              "{\"action\":\"role\",\"username\":\"bob4\",\"role\":\"MODERATOR\"}",
              "r"));
      assertThat(fixture.service.room(room.id()).name()).isEqualTo("Lounge");
      assertThat(fixture.service.room(room.id()).role("bob4")).contains(RoomRole.MODERATOR);
      assertThat(
              code(
                  send(
                      owner,
                      moderation(room.id()),
                      "{\"action\":\"role\",\"username\":\"bob4\",\"role\":\"OWNER\"}",
                      "bad")))
          .isEqualTo("invalid-role");

      receipt(send(owner, moderation(room.id()), "{\"action\":\"delete\"}", "d"));
      bob.await(f -> revoked(f, "room"));
      bob.await(
          f ->
              "rooms".equals(f.header("subscription"))
                  && "DELETED".equals(json(f).path("kind").asText()));
      assertThat(bob.messages().stream().filter(f -> "room".equals(f.header("subscription"))))
          .extracting(f -> json(f).path("metadata").path("action").asText())
          .containsExactly("rename", "role", "delete");
      Executable gone = () -> fixture.service.room(room.id());
      org.junit.jupiter.api.Assertions.assertThrows(RoomNotFoundException.class, gone);
    }
  }

  @Test
  void banningOrMutingAnOutsiderDoesNotShowThemThePrivateRoom() throws Exception {
    Room secret =
        fixture.service.createRoom("secret5", "owner5", io.chatstack.core.RoomVisibility.PRIVATE);
    try (RawStompClient owner = RawStompClient.connected(fixture.uri(), "owner5");
        RawStompClient eve = RawStompClient.connected(fixture.uri(), "eve5")) {
      subscribe(owner, "err", "/user/queue/errors");
      subscribe(eve, "rooms", "/topic/rooms");
      receipt(
          send(owner, moderation(secret.id()), "{\"action\":\"ban\",\"username\":\"eve5\"}", "b"));
      receipt(
          send(owner, moderation(secret.id()), "{\"action\":\"mute\",\"username\":\"eve5\"}", "m"));
      receipt(
          send(
              owner, moderation(secret.id()), "{\"action\":\"unban\",\"username\":\"eve5\"}", "u"));
      // A public room created afterwards: its event reaches eve after those of the private room.
      Room marker = fixture.service.createRoom("marker5", "owner5");
      eve.await(
          f ->
              "rooms".equals(f.header("subscription"))
                  && json(f).path("room").path("id").asLong() == marker.id());
      assertThat(eve.messages().stream().filter(f -> "rooms".equals(f.header("subscription"))))
          .extracting(f -> json(f).path("room").path("id").asLong())
          .containsExactly(marker.id());
    }
  }

  @Test
  void aReplaySkipsWhatWasSentWhileTheUserWasKicked() throws Exception {
    Room room = fixture.service.createRoom("replays", "owner5");
    fixture.service.join(room.id(), "bob5");
    fixture.service.send(room.id(), "bob5", "before").join();
    fixture
        .service
        .moderation()
        .moderate(
            room.id(),
            "owner5",
            io.chatstack.core.ModerationRequest.of(
                io.chatstack.core.ModerationAction.KICK, "bob5"));
    fixture.service.send(room.id(), "owner5", "while away").join();
    fixture.service.join(room.id(), "bob5");
    fixture.service.send(room.id(), "owner5", "back").join();
    try (RawStompClient bob = RawStompClient.connected(fixture.uri(), "bob5")) {
      subscribe(bob, "room", "/topic/chat/" + room.id(), "since-seq", "-1");
      bob.await(
          f ->
              "room".equals(f.header("subscription"))
                  && "back".equals(json(f).path("content").asText()));
      assertThat(bob.messages().stream().filter(f -> "room".equals(f.header("subscription"))))
          .extracting(f -> json(f).path("type").asText() + ":" + json(f).path("content").asText())
          .containsExactly(
              "JOIN:owner5 joined the room",
              "JOIN:bob5 joined the room",
              "CHAT:before",
              "SYSTEM:bob5 was removed by owner5",
              "JOIN:bob5 joined the room",
              "CHAT:back");
    }
  }
}
