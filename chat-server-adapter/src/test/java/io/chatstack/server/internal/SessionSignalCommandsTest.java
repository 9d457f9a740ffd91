package io.chatstack.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatException;
import io.chatstack.core.ChatService;
import io.chatstack.core.NotParticipantException;
import io.chatstack.core.ReadState;
import io.chatstack.core.Room;
import io.chatstack.core.RoomNotFoundException;
import io.chatstack.core.RoomVisibility;
import io.chatstack.core.TypingEvent;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Typing and read-mark SENDs of one user, against an in-memory ChatService, without a session. */
class SessionSignalCommandsTest {
  private static final StompDestinations D = StompDestinations.DEFAULTS;
  private final ChatService service =
      ChatService.builder().signalSettings(SessionSubscriptionsFixture.FAST).build();
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
  void typingIsForwardedToTheRoomAndReceiptedWithTheRoom() {
    Room room = service.createRoom("general", "alice");
    List<TypingEvent> seen = new CopyOnWriteArrayList<>();
    service.typing().subscribe(room.id(), seen::add);

    commands("alice", 100).send(send(D.sendTyping(room.id()), "{\"typing\":true}", "t1"));

    await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
    assertThat(seen.get(0)).isEqualTo(new TypingEvent(room.id(), "alice", true));
    assertThat(receipt("t1")).containsExactly(Map.entry("room-id", Long.toString(room.id())));
  }

  @Test
  void typingIsForParticipantsAndNeedsABooleanBody() {
    Room open = service.createRoom("open", "owner");
    Room hidden = service.createRoom("hidden", "owner", RoomVisibility.PRIVATE);
    List<TypingEvent> seen = new CopyOnWriteArrayList<>();
    service.typing().subscribe(open.id(), seen::add);
    SessionCommands eve = commands("eve", 100);

    assertThatThrownBy(() -> eve.send(send(D.sendTyping(open.id()), "{\"typing\":true}", "a")))
        .isInstanceOf(NotParticipantException.class);
    assertThatThrownBy(() -> eve.send(send(D.sendTyping(hidden.id()), "{\"typing\":true}", "b")))
        .isInstanceOf(RoomNotFoundException.class);
    assertThatThrownBy(
            () -> commands("owner", 100).send(send(D.sendTyping(open.id()), "{\"typing\":1}", "c")))
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_JSON));
    assertThat(replies.receipts).isEmpty();
    assertThat(seen).isEmpty();
  }

  @Test
  void aReadMarkIsReceiptedWithTheStateAfterIt() {
    Room room = service.createRoom("general", "alice");
    service.join(room.id(), "bob");
    long first = service.send(room.id(), "alice", "one").join().seq();
    long second = service.send(room.id(), "alice", "two").join().seq();
    SessionCommands bob = commands("bob", 100);

    bob.send(send(D.markRead(room.id()), "{\"seq\":" + first + "}", "r1"));

    assertThat(receipt("r1"))
        .containsOnly(
            Map.entry("last-read-seq", Long.toString(first)), Map.entry("unread-count", "1"));
    assertThat(service.readStates().state(room.id(), "bob"))
        .isEqualTo(new ReadState(room.id(), "bob", first, 1));

    bob.send(send(D.markRead(room.id()), "{\"seq\":" + Long.MAX_VALUE + "}", "r2"));
    assertThat(receipt("r2"))
        .containsOnly(
            Map.entry("last-read-seq", Long.toString(second)), Map.entry("unread-count", "0"));
    // never back
    bob.send(send(D.markRead(room.id()), "{\"seq\":-1}", "r3"));
    assertThat(receipt("r3")).containsEntry("last-read-seq", Long.toString(second));
  }

  @Test
  void anInvalidSeqIsAnApplicationErrorAndChangesNothing() {
    Room room = service.createRoom("general", "alice");
    long seq = service.send(room.id(), "alice", "one").join().seq();
    ReadState before = service.readStates().state(room.id(), "alice");
    SessionCommands alice = commands("alice", 100);

    for (String body :
        List.of("{}", "{\"seq\":-2}", "{\"seq\":\"" + seq + "\"}", "{\"seq\":1.5}")) {
      assertThatThrownBy(() -> alice.send(send(D.markRead(room.id()), body, "r")))
          .as(body)
          .isInstanceOfSatisfying(
              ChatException.class,
              e -> {
                assertThat(e).isNotInstanceOf(StompProtocolException.class);
                assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_SEQ);
                assertThat(e.getMessage()).contains("{\"seq\": N}");
              });
    }
    // a body that is no JSON object is refused like every bad body
    assertThatThrownBy(() -> alice.send(send(D.markRead(room.id()), "[1]", "r")))
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_JSON));
    assertThat(service.readStates().state(room.id(), "alice")).isEqualTo(before);
    assertThat(replies.receipts).isEmpty();
  }

  @Test
  void readMarksAreForParticipants() {
    Room open = service.createRoom("open", "owner");
    Room hidden = service.createRoom("hidden", "owner", RoomVisibility.PRIVATE);
    SessionCommands eve = commands("eve", 100);
    assertThatThrownBy(() -> eve.send(send(D.markRead(open.id()), "{\"seq\":0}", "a")))
        .isInstanceOf(NotParticipantException.class);
    assertThatThrownBy(() -> eve.send(send(D.markRead(hidden.id()), "{\"seq\":0}", "b")))
        .isInstanceOf(RoomNotFoundException.class);
    assertThat(replies.receipts).isEmpty();
  }

  @Test
  void typingAndReadMarksHaveABucketOfTheirOwn() {
    Room room = service.createRoom("general", "alice");
    SessionCommands alice = commands("alice", 2);
    alice.send(send(D.sendTyping(room.id()), "{\"typing\":true}", null));
    alice.send(send(D.markRead(room.id()), "{\"seq\":0}", null));
    assertThatThrownBy(() -> alice.send(send(D.sendTyping(room.id()), "{\"typing\":false}", null)))
        .isInstanceOfSatisfying(
            ChatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.RATE_LIMITED))
        .hasMessageContaining("More than 2 typing and read SENDs per second");

    // the chat budget is untouched
    alice.send(send(D.send(room.id()), "{\"content\":\"1\"}", null));
    alice.send(send(D.send(room.id()), "{\"content\":\"2\"}", null));
    assertThatThrownBy(() -> alice.send(send(D.send(room.id()), "{\"content\":\"3\"}", null)))
        .isInstanceOfSatisfying(
            ChatException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.RATE_LIMITED))
        .hasMessageContaining("More than 2 SEND frames per second");
  }

  @Test
  void chatSendsDoNotEatTheTypingBudget() {
    Room room = service.createRoom("general", "alice");
    SessionCommands alice = commands("alice", 2);
    alice.send(send(D.send(room.id()), "{\"content\":\"1\"}", null));
    alice.send(send(D.send(room.id()), "{\"content\":\"2\"}", null));

    alice.send(send(D.sendTyping(room.id()), "{\"typing\":true}", "t"));
    alice.send(send(D.markRead(room.id()), "{\"seq\":0}", "r"));
    assertThat(replies.receipts)
        .extracting(Map.Entry::getKey)
        .filteredOn(id -> !id.equals("null")) // the chat sends asked for none
        .containsExactly("t", "r");
  }
}
