package io.chatstack.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.Room;
import io.chatstack.core.RoomVisibility;
import io.chatstack.server.RoomAuthorizer;
import io.chatstack.server.TestFrame;
import io.chatstack.stomp.ErrorCodes;
import io.chatstack.stomp.StompProtocolException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SUBSCRIBE and UNSUBSCRIBE of one user against an in-memory ChatService, without a session. */
class SessionSubscriptionsTest extends SessionSubscriptionsFixture {
  @Test
  void roomListAndHistoryAreAnsweredOnceAndNotKept() {
    Room room = service.createRoom("general", "alice");
    SessionSubscriptions alice = subscriptions("alice");

    alice.subscribe(subscribe("q1", D.roomList(), "receipt", "r1"));
    alice.subscribe(subscribe("q2", D.history(room.id()), "receipt", "r2"));

    assertThat(replies.frames())
        .extracting(f -> f.header("subscription"))
        .containsExactly("q1", "q2");
    assertThat(replies.receipts).extracting(Map.Entry::getKey).containsExactly("r1", "r2");
    assertThatThrownBy(() -> alice.unsubscribe(unsubscribe("q1", "r3")))
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.UNKNOWN_SUBSCRIPTION));
  }

  @Test
  void roomMessagesFlowUntilUnsubscribeWhichIsReceipted() {
    Room room = service.createRoom("general", "alice");
    SessionSubscriptions alice = subscriptions("alice");
    alice.subscribe(subscribe("s1", D.room(room.id()), "receipt", "r1"));
    assertThat(replies.pacedReceipts).containsExactly("r1");

    service.send(room.id(), "alice", "one").join();
    alice.unsubscribe(unsubscribe("s1", "r2"));
    service.send(room.id(), "alice", "two").join();

    assertThat(contents()).containsExactly("one");
    assertThat(replies.frames())
        .allSatisfy(f -> assertThat(f.header("subscription")).isEqualTo("s1"));
    assertThat(replies.receipts).extracting(Map.Entry::getKey).containsExactly("r2");
  }

  @Test
  void closeAllEndsEverySubscription() {
    Room room = service.createRoom("general", "alice");
    SessionSubscriptions alice = subscriptions("alice");
    alice.subscribe(subscribe("s1", D.room(room.id())));
    alice.subscribe(subscribe("s2", D.room(room.id()), "since-seq", "-1"));

    assertThat(bus.open).hasValue(base + 2);
    alice.closeAll();
    service.send(room.id(), "alice", "after").join();

    assertThat(bus.open).hasValue(base);
    assertThat(contents()).doesNotContain("after");
    assertThatThrownBy(() -> alice.unsubscribe(unsubscribe("s1", "r")))
        .isInstanceOf(StompProtocolException.class);
  }

  @Test
  void aSubscribeOnAClosedConnectionIsUndoneWithoutReceipt() {
    Room room = service.createRoom("general", "alice");
    SessionSubscriptions alice = subscriptions("alice");
    replies.open = false;

    alice.subscribe(subscribe("s1", D.room(room.id()), "receipt", "r1"));
    service.send(room.id(), "alice", "late").join();

    assertThat(contents()).isEmpty();
    assertThat(replies.pacedReceipts).isEmpty();
  }

  @Test
  void onlyParticipantsMaySubscribeAndAFailedSubscribeLeavesNoTrace() {
    Room room = service.createRoom("team", "bob", RoomVisibility.PRIVATE);
    SessionSubscriptions alice = subscriptions("alice");

    assertThatThrownBy(() -> alice.subscribe(subscribe("s1", D.room(room.id()))))
        .isInstanceOf(RuntimeException.class);
    service.join(room.id(), "alice", "bob");
    alice.subscribe(subscribe("s1", D.room(room.id())));
    service.send(room.id(), "bob", "hello").join();

    assertThat(contents()).containsExactly("hello");
  }

  @Test
  void atMostMaxSubscriptions() {
    Room room = service.createRoom("general", "alice");
    SessionSubscriptions alice = subscriptions("alice", 2, RoomAuthorizer.defaults());
    alice.subscribe(subscribe("s1", D.room(room.id())));
    alice.subscribe(subscribe("s2", D.rooms()));

    assertThatThrownBy(() -> alice.subscribe(subscribe("s3", D.errors())))
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.TOO_MANY_SUBSCRIPTIONS))
        .hasMessageContaining("At most 2");
  }

  @Test
  void headersThatAreNotSupportedAreRefused() {
    Room room = service.createRoom("general", "alice");
    SessionSubscriptions alice = subscriptions("alice");
    alice.subscribe(subscribe("s1", D.room(room.id())));

    assertCode(
        () -> alice.subscribe(subscribe("s1", D.rooms())), ErrorCodes.DUPLICATE_SUBSCRIPTION);
    assertCode(
        () -> alice.subscribe(subscribe("s2", D.rooms(), "ack", "client")),
        ErrorCodes.UNSUPPORTED_ACK);
    assertCode(
        () -> alice.subscribe(subscribe("s2", D.rooms(), "selector", "x")),
        ErrorCodes.UNSUPPORTED_SELECTOR);
    assertCode(
        () -> alice.subscribe(subscribe("s2", D.rooms(), "since-seq", "1")),
        ErrorCodes.BAD_SINCE_SEQ);
    assertCode(
        () -> alice.subscribe(subscribe("s2", D.room(room.id()), "since-seq", "-2")),
        ErrorCodes.BAD_SINCE_SEQ);
    alice.subscribe(subscribe("s2", D.rooms(), "ack", "auto"));
  }

  private static void assertCode(Runnable action, String code) {
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(
            StompProtocolException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void roomEventsReachOnlyThoseWhoMaySeeTheRoom() {
    SessionSubscriptions alice = subscriptions("alice");
    alice.subscribe(subscribe("e1", D.rooms()));

    service.createRoom("open", "bob");
    service.createRoom("secret", "bob", RoomVisibility.PRIVATE);

    List<TestFrame> events = replies.frames();
    assertThat(events).hasSize(1);
    assertThat(events.get(0).header("subscription")).isEqualTo("e1");
    assertThat(events.get(0).header("destination")).isEqualTo(D.rooms());
    assertThat(events.get(0).body()).contains("\"open\"");
  }
}
