package io.chatstack.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatException;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.MessageType;
import io.chatstack.core.Room;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Edit, delete and react SENDs, and a chat send's replyTo and metadata, of one user against an
 * in-memory ChatService, without a session or transport: handled like a chat send.
 */
class SessionLifecycleCommandsTest {
  private static final StompDestinations D = StompDestinations.DEFAULTS;
  private final ChatService service = ChatService.builder().build();
  private final RecordingReplies replies = new RecordingReplies();
  private final RoomAccess access = new RoomAccess(service, RoomAuthorizer.defaults());
  private final Room room = service.createRoom("general", "alice");

  @AfterEach
  void close() {
    service.close();
  }

  private SessionCommands commands(String user, int sendsPerSecond) {
    return new SessionCommands(
        new ChatPrincipal(user),
        access,
        new RouteParser(D),
        new PayloadReader(8, 16_384),
        sendsPerSecond,
        replies);
  }

  private static StompFrame send(String destination, String body, String receipt) {
    return new StompFrame(
        Command.SEND,
        Map.of("destination", destination, "receipt", receipt),
        body.getBytes(StandardCharsets.UTF_8));
  }

  private Map<String, String> receipt(String id) {
    await()
        .untilAsserted(
            () -> assertThat(replies.receipts).extracting(Map.Entry::getKey).contains(id));
    return replies.receipts.stream()
        .filter(r -> r.getKey().equals(id))
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  private List<ChatMessage> log() {
    return service.since(room.id(), -1, 100);
  }

  private ChatMessage record(String receiptId) {
    String id = receipt(receiptId).get("message-id");
    return log().stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void editDeleteAndReactAreReceiptedWithTheirChangeRecord() {
    SessionCommands alice = commands("alice", 100);
    alice.send(send(D.send(room.id()), "{\"content\":\"hi\"}", "sent"));
    String target = receipt("sent").get("message-id");

    alice.send(
        send(
            D.edit(room.id()),
            "{\"messageId\":\"" + target + "\",\"content\":\"hello\",\"clientMsgId\":\"e1\"}",
            "edited"));
    alice.send(
        send(
            D.react(room.id()),
            "{\"messageId\":\"" + target + "\",\"emoji\":\"👍\",\"add\":true}",
            "reacted"));
    alice.send(send(D.delete(room.id()), "{\"messageId\":\"" + target + "\"}", "deleted"));

    ChatMessage edit = record("edited");
    assertThat(edit.type()).isEqualTo(MessageType.EDIT);
    assertThat(edit.targetId()).isEqualTo(target);
    assertThat(edit.content()).isEqualTo("hello");
    assertThat(edit.clientMsgId()).isEqualTo("e1");
    ChatMessage reaction = record("reacted");
    assertThat(reaction.type()).isEqualTo(MessageType.REACTION);
    assertThat(reaction.content()).isEqualTo("👍");
    assertThat(reaction.reactionAdded()).isTrue();
    ChatMessage delete = record("deleted");
    assertThat(delete.type()).isEqualTo(MessageType.DELETE);
    assertThat(delete.sender()).isEqualTo("alice");
    for (String id : List.of("edited", "reacted", "deleted")) {
      ChatMessage change = record(id);
      assertThat(receipt(id))
          .containsEntry("seq", Long.toString(change.seq()))
          .containsEntry("timestamp", change.timestamp().toString());
    }
    assertThat(edit.seq()).isLessThan(reaction.seq()).isLessThan(delete.seq());
    assertThat(replies.errors).isEmpty();
  }

  @Test
  void aReactionIsRemovedWithAddFalse() {
    SessionCommands bob = joined("bob");
    String target = sent("hi");
    bob.send(
        send(
            D.react(room.id()),
            "{\"messageId\":\"" + target + "\",\"emoji\":\"🎉\",\"add\":false}",
            "r"));
    ChatMessage reaction = record("r");
    assertThat(reaction.sender()).isEqualTo("bob");
    assertThat(reaction.reactionAdded()).isFalse();
  }

  @Test
  void aReplyCarriesReplyToAndMetadata() {
    String target = sent("question");
    commands("alice", 100)
        .send(
            send(
                D.send(room.id()),
                "{\"content\":\"answer\",\"replyTo\":\""
                    + target
                    + "\",\"metadata\":{\"url\":\"https://x\",\"n\":[1,{\"k\":true}]}}",
                "reply"));
    ChatMessage reply = record("reply");
    assertThat(reply.replyTo()).isEqualTo(target);
    assertThat(reply.metadata())
        .containsEntry("url", "https://x")
        .containsEntry("n", List.of(1, Map.of("k", true)));
  }

  @Test
  void replyToAloneAndMetadataAloneAreEachKept() {
    String target = sent("question");
    SessionCommands alice = commands("alice", 100);
    alice.send(
        send(D.send(room.id()), "{\"content\":\"a\",\"replyTo\":\"" + target + "\"}", "reply"));
    alice.send(send(D.send(room.id()), "{\"content\":\"b\",\"metadata\":{\"k\":\"v\"}}", "meta"));
    assertThat(record("reply").replyTo()).isEqualTo(target);
    assertThat(record("reply").metadata()).isEmpty();
    assertThat(record("meta").replyTo()).isEmpty();
    assertThat(record("meta").metadata()).containsEntry("k", "v");
  }

  @Test
  void refusalsCarryTheChatServicesCodeAndChangeNothing() {
    String target = sent("mine");
    SessionCommands bob = joined("bob");
    int before = log().size();

    assertThat(refusal(bob, D.edit(room.id()), edit(target, "hacked")))
        .isEqualTo("not-message-sender");
    assertThat(refusal(bob, D.delete(room.id()), "{\"messageId\":\"" + target + "\"}"))
        .isEqualTo("not-message-sender");
    assertThat(refusal(bob, D.edit(room.id()), edit("no-such-id", "x")))
        .isEqualTo("message-not-found");
    assertThat(refusal(bob, D.react(room.id()), react(target, "ok"))).isEqualTo("invalid-emoji");
    assertThat(refusal(commands("carol", 100), D.react(room.id()), react(target, "👍")))
        .isEqualTo("not-participant");
    assertThat(
            refusal(
                bob,
                D.send(room.id()),
                "{\"content\":\"x\",\"metadata\":{\"big\":\"" + "x".repeat(5000) + "\"}}"))
        .isEqualTo("invalid-metadata");
    assertThat(refusal(bob, D.send(room.id()), "{\"content\":\"x\",\"replyTo\":\"no-such-id\"}"))
        .isEqualTo("invalid-reply-to");

    assertThat(log()).hasSize(before);
  }

  @Test
  void aDeletedMessageIsNeitherEditedNorReactedTo() {
    String target = sent("soon gone");
    SessionCommands alice = commands("alice", 100);
    alice.send(send(D.delete(room.id()), "{\"messageId\":\"" + target + "\"}", "d"));
    receipt("d");
    int before = log().size();

    assertThat(refusal(alice, D.edit(room.id()), edit(target, "back")))
        .isEqualTo("message-deleted");
    assertThat(refusal(alice, D.react(room.id()), react(target, "👍")))
        .isEqualTo("message-deleted");
    assertThat(log()).hasSize(before);
  }

  @Test
  void aBodyThatIsNotTheDestinationsIsRefusedBeforeAnythingChanges() {
    String target = sent("mine");
    SessionCommands alice = commands("alice", 100);
    int before = log().size();
    for (String[] bad :
        new String[][] {
          {D.edit(room.id()), "{\"messageId\":\"" + target + "\"}"},
          {D.delete(room.id()), "{\"id\":\"" + target + "\"}"},
          {D.react(room.id()), "{\"messageId\":\"" + target + "\",\"emoji\":\"👍\"}"},
          {D.send(room.id()), "{\"content\":\"x\",\"metadata\":[1]}"}
        }) {
      assertThatThrownBy(() -> alice.send(send(bad[0], bad[1], "r")))
          .as(bad[1])
          .isInstanceOfSatisfying(
              StompProtocolException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_JSON));
    }
    assertThatThrownBy(
            () ->
                alice.send(
                    send(
                        D.delete(room.id()),
                        "{\"messageId\":\"" + target + "\",\"sender\":\"bob\"}",
                        "r")))
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.SENDER_MISMATCH));
    assertThat(log()).hasSize(before);
    assertThat(replies.receipts).extracting(Map.Entry::getKey).doesNotContain("r");
  }

  @Test
  void changesDrawFromTheChatSendBucketNotTheSignalOne() {
    String target = sent("mine");
    replies.receipts.clear();
    SessionCommands alice = commands("alice", 3);
    alice.send(send(D.edit(room.id()), edit(target, "1"), "e"));
    alice.send(send(D.react(room.id()), react(target, "👍"), "r"));
    alice.send(send(D.send(room.id()), "{\"content\":\"2\"}", "s"));

    assertThatThrownBy(
            () -> alice.send(send(D.delete(room.id()), "{\"messageId\":\"" + target + "\"}", "d")))
        .isInstanceOfSatisfying(
            ChatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.RATE_LIMITED))
        .hasMessageContaining("More than 3 SEND frames per second");
    alice.send(send(D.sendTyping(room.id()), "{\"typing\":true}", "t"));
    assertThat(receipt("t")).containsEntry("room-id", Long.toString(room.id()));
    assertThat(log()).noneMatch(m -> m.type() == MessageType.DELETE);
  }

  private String sent(String content) {
    return service.send(room.id(), "alice", content).join().id();
  }

  private SessionCommands joined(String user) {
    service.join(room.id(), user);
    return commands(user, 100);
  }

  private static String edit(String messageId, String content) {
    return "{\"messageId\":\"" + messageId + "\",\"content\":\"" + content + "\"}";
  }

  private static String react(String messageId, String emoji) {
    return "{\"messageId\":\"" + messageId + "\",\"emoji\":\"" + emoji + "\",\"add\":true}";
  }

  /** The code of a refused SEND: thrown at once, or reported when the log refused it. */
  private String refusal(SessionCommands commands, String destination, String body) {
    int reported = replies.errors.size();
    try {
      commands.send(send(destination, body, "refused"));
    } catch (ChatException e) {
      return e.code();
    }
    await().until(() -> replies.errors.size() > reported);
    assertThat(replies.errorReceipts).last().isEqualTo("refused");
    return replies.errors.get(reported).code();
  }
}
