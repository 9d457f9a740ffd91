package io.chatstack.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.ChatException;
import io.chatstack.core.ChatService;
import io.chatstack.core.Room;
import io.chatstack.core.RoomVisibility;
import io.chatstack.server.ChatPrincipal;
import io.chatstack.server.RoomAccess;
import io.chatstack.server.RoomAuthorizer;
import io.chatstack.stomp.Command;
import io.chatstack.stomp.ErrorCodes;
import io.chatstack.stomp.PayloadReader;
import io.chatstack.stomp.RouteParser;
import io.chatstack.stomp.StompDestinations;
import io.chatstack.stomp.StompFrame;
import io.chatstack.stomp.StompProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SEND frames of one user, against an in-memory ChatService, without a session or transport. */
class SessionCommandsTest {
  private static final StompDestinations D = StompDestinations.DEFAULTS;
  private final ChatService service = ChatService.builder().build();
  private final RecordingReplies replies = new RecordingReplies();
  private final RoomAccess access = new RoomAccess(service, RoomAuthorizer.defaults());

  @AfterEach
  void close() {
    service.close();
  }

  private SessionCommands commands(String user, int sendsPerSecond) {
    return new SessionCommands(
        new ChatPrincipal(user),
        access,
        new RouteParser(D),
        new PayloadReader(16, 65_536),
        sendsPerSecond,
        replies);
  }

  private static StompFrame send(String destination, String body, String receipt) {
    Map<String, String> headers =
        receipt == null
            ? Map.of("destination", destination)
            : Map.of("destination", destination, "receipt", receipt);
    return new StompFrame(Command.SEND, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private Map<String, String> receipt(String id) {
    return replies.receipts.stream()
        .filter(r -> r.getKey().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no receipt " + id + " in " + replies.receipts))
        .getValue();
  }

  @Test
  void joinAndLeaveByTypedBodyOrByDestinationAreReceiptedWithTheRoom() {
    Room room = service.createRoom("general", "bob");
    SessionCommands alice = commands("alice", 100);

    alice.send(send(D.send(room.id()), "{\"type\":\"JOIN\"}", "r1"));
    assertThat(service.room(room.id()).participants()).contains("alice");
    alice.send(send(D.send(room.id()), "{\"type\":\"LEAVE\"}", "r2"));
    assertThat(service.room(room.id()).participants()).doesNotContain("alice");
    alice.send(send(D.join(room.id()), "", "r3"));
    assertThat(service.room(room.id()).participants()).contains("alice");
    alice.send(send(D.leave(room.id()), "", "r4"));
    assertThat(service.room(room.id()).participants()).doesNotContain("alice");

    String id = Long.toString(room.id());
    assertThat(replies.receipts)
        .extracting(Map.Entry::getKey)
        .containsExactly("r1", "r2", "r3", "r4");
    assertThat(replies.receipts)
        .allSatisfy(r -> assertThat(r.getValue()).containsEntry("room-id", id));
  }

  @Test
  void chatIsReceiptedWithMessageIdSeqAndTimestamp() {
    Room room = service.createRoom("general", "alice");

    commands("alice", 100).send(send(D.send(room.id()), "{\"content\":\"hi\"}", "r1"));

    Map<String, String> extra = receipt("r1");
    assertThat(extra).containsKeys("message-id", "timestamp");
    assertThat(extra.get("seq"))
        .isEqualTo(Long.toString(service.since(room.id(), 0, 10).get(1).seq()));
  }

  @Test
  void inviteRemoveCreateAndDirectAreReceipted() {
    SessionCommands alice = commands("alice", 100);

    alice.send(
        send(D.createRoom(), "{\"roomName\":\"team\",\"visibility\":\"PRIVATE\"}", "create"));
    long roomId = Long.parseLong(receipt("create").get("room-id"));
    assertThat(service.room(roomId).visibility()).isEqualTo(RoomVisibility.PRIVATE);

    alice.send(send(D.invite(roomId), "{\"username\":\"bob\"}", "invite"));
    assertThat(service.room(roomId).participants()).contains("bob");
    assertThat(receipt("invite")).containsEntry("room-id", Long.toString(roomId));

    alice.send(send(D.remove(roomId), "{\"username\":\"bob\"}", "remove"));
    assertThat(service.room(roomId).participants()).doesNotContain("bob");
    assertThat(receipt("remove")).containsEntry("room-id", Long.toString(roomId));

    alice.send(send(D.direct(), "{\"username\":\"carol\"}", "direct1"));
    alice.send(send(D.direct(), "{\"username\":\"carol\"}", "direct2"));
    assertThat(receipt("direct1")).containsEntry("created", "true");
    assertThat(receipt("direct2"))
        .containsEntry("created", "false")
        .containsEntry("room-id", receipt("direct1").get("room-id"));
  }

  @Test
  void aTransactionIsRefusedBeforeAnythingHappens() {
    Room room = service.createRoom("general", "alice");
    StompFrame frame =
        new StompFrame(
            Command.SEND,
            Map.of("destination", D.send(room.id()), "transaction", "t1"),
            "{\"content\":\"hi\"}".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> commands("alice", 100).send(frame))
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.UNSUPPORTED_TRANSACTION));
    assertThat(service.since(room.id(), 0, 10)).hasSize(1); // the creator's JOIN only
  }

  @Test
  void sendsBeyondTheRateAreRefused() {
    Room room = service.createRoom("general", "alice");
    SessionCommands alice = commands("alice", 2);
    alice.send(send(D.send(room.id()), "{\"content\":\"1\"}", null));
    alice.send(send(D.send(room.id()), "{\"content\":\"2\"}", null));

    assertThatThrownBy(() -> alice.send(send(D.send(room.id()), "{\"content\":\"3\"}", null)))
        .isInstanceOfSatisfying(
            ChatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.RATE_LIMITED))
        .hasMessageContaining("More than 2 SEND frames per second");
  }
}
