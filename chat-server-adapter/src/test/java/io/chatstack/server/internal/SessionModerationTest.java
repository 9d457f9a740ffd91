package io.chatstack.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.ChatException;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.MessageType;
import io.chatstack.core.Room;
import io.chatstack.core.RoomNotFoundException;
import io.chatstack.core.RoomRole;
import io.chatstack.server.ChatPrincipal;
import io.chatstack.server.RoomAccess;
import io.chatstack.server.RoomAuthorizer;
import io.chatstack.stomp.Command;
import io.chatstack.stomp.PayloadReader;
import io.chatstack.stomp.RouteParser;
import io.chatstack.stomp.StompDestinations;
import io.chatstack.stomp.StompFrame;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SEND /app/chat/moderation/{roomId} of one user against an in-memory ChatService. */
class SessionModerationTest {
  private static final StompDestinations D = StompDestinations.DEFAULTS;
  private final ChatService service = ChatService.builder().build();
  private final RecordingReplies replies = new RecordingReplies();
  private final RoomAccess access = new RoomAccess(service, RoomAuthorizer.defaults());
  private final Room room = service.createRoom("moderated", "owner");

  SessionModerationTest() {
    service.join(room.id(), "bob");
    service.join(room.id(), "carol");
  }

  @AfterEach
  void close() {
    service.close();
  }

  private SessionCommands commands(String user) {
    return new SessionCommands(
        new ChatPrincipal(user),
        access,
        new RouteParser(D),
        new PayloadReader(16, 65_536),
        100,
        replies);
  }

  private void moderate(String user, String body, String receipt) {
    commands(user)
        .send(
            new StompFrame(
                Command.SEND,
                Map.of("destination", D.moderation(room.id()), "receipt", receipt),
                body.getBytes(StandardCharsets.UTF_8)));
  }

  private ChatMessage last() {
    List<ChatMessage> all = service.since(room.id(), -1, 100);
    return all.get(all.size() - 1);
  }

  private void refused(String user, String body, String code) {
    List<ChatMessage> before = service.since(room.id(), -1, 100);
    assertThatThrownBy(() -> moderate(user, body, "x"))
        .as(body)
        .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.code()).isEqualTo(code));
    assertThat(service.since(room.id(), -1, 100)).isEqualTo(before);
  }

  @Test
  void everyActionIsCarriedOutAndReceipted() {
    moderate("owner", "{\"action\":\"role\",\"username\":\"bob\",\"role\":\"MODERATOR\"}", "r1");
    assertThat(service.room(room.id()).role("bob")).contains(RoomRole.MODERATOR);
    moderate("owner", "{\"action\":\"role\",\"username\":\"bob\",\"role\":\"MEMBER\"}", "r2");
    assertThat(service.room(room.id()).role("bob")).contains(RoomRole.MEMBER);
    moderate(
        "owner",
        "{\"action\":\"MUTE\",\"username\":\"bob\",\"until\":\"2999-01-01T00:00:00Z\","
            + "\"reason\":\"calm\"}",
        "r3");
    assertThat(service.room(room.id()).mutedAt("bob", Instant.now())).isPresent();
    assertThat(last().metadata())
        .containsEntry("until", "2999-01-01T00:00:00Z")
        .containsEntry("reason", "calm");
    moderate("owner", "{\"action\":\"unmute\",\"username\":\"bob\"}", "r4");
    assertThat(last().metadata()).doesNotContainKey("reason");
    moderate("owner", "{\"action\":\"kick\",\"username\":\"carol\"}", "r5");
    assertThat(service.room(room.id()).hasParticipant("carol")).isFalse();
    moderate("owner", "{\"action\":\"rename\",\"roomName\":\"Lounge\"}", "r6");
    assertThat(service.room(room.id()).name()).isEqualTo("Lounge");
    moderate("owner", "{\"action\":\"delete\"}", "r7");
    assertThatThrownBy(() -> service.room(room.id())).isInstanceOf(RoomNotFoundException.class);
    assertThat(replies.receipts)
        .extracting(Map.Entry::getKey)
        .containsExactly("r1", "r2", "r3", "r4", "r5", "r6", "r7");
    assertThat(replies.receipts.get(0).getValue())
        .containsEntry("room-id", Long.toString(room.id()));
  }

  @Test
  void refusalsAndBadFieldsCarryTheirCodeAndChangeNothing() {
    refused("bob", "{\"action\":\"kick\",\"username\":\"carol\"}", "forbidden");
    refused("owner", "{\"action\":\"slap\",\"username\":\"carol\"}", "invalid-action");
    refused("owner", "{\"action\":\"kick\"}", "invalid-json");
    refused("owner", "{\"action\":\"role\",\"role\":\"MODERATOR\"}", "invalid-json");
    refused("owner", "{\"action\":\"rename\"}", "invalid-json");
    refused(
        "owner", "{\"action\":\"role\",\"username\":\"bob\",\"role\":\"OWNER\"}", "invalid-role");
    refused("owner", "{\"action\":\"role\",\"username\":\"bob\"}", "invalid-role");
    refused(
        "owner",
        "{\"action\":\"ban\",\"username\":\"bob\",\"until\":\"tomorrow\"}",
        "invalid-until");
    assertThat(replies.receipts).isEmpty();
    assertThat(last().type()).isEqualTo(MessageType.JOIN);
  }
}
