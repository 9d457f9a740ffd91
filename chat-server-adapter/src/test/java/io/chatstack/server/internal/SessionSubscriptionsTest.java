package io.chatstack.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.ChatService;
import io.chatstack.core.Room;
import io.chatstack.core.RoomVisibility;
import io.chatstack.server.ChatPrincipal;
import io.chatstack.server.RoomAccess;
import io.chatstack.server.RoomAuthorizer;
import io.chatstack.server.TestFrame;
import io.chatstack.stomp.Command;
import io.chatstack.stomp.ErrorCodes;
import io.chatstack.stomp.FrameWriter;
import io.chatstack.stomp.RouteParser;
import io.chatstack.stomp.StompDestinations;
import io.chatstack.stomp.StompFrame;
import io.chatstack.stomp.StompProtocolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SUBSCRIBE and UNSUBSCRIBE of one user against an in-memory ChatService, without a session. */
class SessionSubscriptionsTest {
  private static final StompDestinations D = StompDestinations.DEFAULTS;
  private final CountingBus bus = new CountingBus();
  private final ChatService service = ChatService.builder().messageBus(bus).build();
  // The service's own subscriptions (e.g. to room events for its cache).
  private final int base = bus.open.get();
  private final RecordingReplies replies = new RecordingReplies();
  private final FrameWriter frames = new FrameWriter();
  private final List<Runnable> deferredCloses = new ArrayList<>();
  private final AtomicInteger closes = new AtomicInteger();
  private Executor closer =
      r -> {
        closes.incrementAndGet();
        r.run();
      };

  @AfterEach
  void close() {
    service.close();
  }

  private SessionSubscriptions subscriptions(String user, int max, RoomAuthorizer authorizer) {
    return new SessionSubscriptions(
        new ChatPrincipal(user),
        service,
        new RoomAccess(service, authorizer),
        new RouteParser(D),
        frames,
        new SharedMessages(frames, D, 16),
        new ErrorQueue(D.errors(), frames, replies),
        max,
        closer,
        replies);
  }

  private SessionSubscriptions subscriptions(String user) {
    return subscriptions(user, 10, RoomAuthorizer.defaults());
  }

  private static StompFrame subscribe(String id, String destination, String... more) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("id", id);
    headers.put("destination", destination);
    for (int i = 0; i < more.length; i += 2) {
      headers.put(more[i], more[i + 1]);
    }
    return new StompFrame(Command.SUBSCRIBE, headers, new byte[0]);
  }

  private static StompFrame unsubscribe(String id, String receipt) {
    return new StompFrame(Command.UNSUBSCRIBE, Map.of("id", id, "receipt", receipt), new byte[0]);
  }

  private List<String> contents() {
    return replies.frames().stream()
        .filter(f -> f.header("destination").startsWith("/topic/chat/"))
        .map(f -> f.body().replaceAll(".*\"content\":\"([^\"]*)\".*", "$1"))
        .toList();
  }

  private List<TestFrame> errorQueue() {
    return replies.frames().stream()
        .filter(f -> f.header("destination").equals(D.errors()))
        .toList();
  }

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

  @Test
  void theirOwnLeaveEndsTheSubscriptionAndIsToldOnTheErrorQueue() {
    Room room = service.createRoom("general", "alice");
    service.join(room.id(), "bob");
    service.join(room.id(), "carol");
    SessionSubscriptions alice = subscriptions("alice");
    alice.subscribe(subscribe("err", D.errors()));
    alice.subscribe(subscribe("s1", D.room(room.id())));

    service.leave(room.id(), "bob");
    service.send(room.id(), "alice", "still here").join();
    service.leave(room.id(), "alice");
    service.send(room.id(), "carol", "gone").join();

    assertThat(contents()).contains("still here").doesNotContain("gone");
    assertThat(closes).hasValue(1);
    assertThat(errorQueue()).hasSize(1);
    TestFrame revoked = errorQueue().get(0);
    assertThat(revoked.header("subscription")).isEqualTo("err");
    assertThat(revoked.body()).contains(ErrorCodes.SUBSCRIPTION_REVOKED).contains("\"s1\"");
    assertThatThrownBy(() -> alice.unsubscribe(unsubscribe("s1", "r")))
        .isInstanceOf(StompProtocolException.class);
  }

  @Test
  void aRejectingCloserStillEndsTheRevokedSubscription() {
    closer =
        r -> {
          throw new RejectedExecutionException("shut down");
        };
    Room room = service.createRoom("general", "alice");
    SessionSubscriptions alice = subscriptions("alice");
    alice.subscribe(subscribe("err", D.errors()));
    alice.subscribe(subscribe("s1", D.room(room.id())));

    service.leave(room.id(), "alice");

    assertThat(errorQueue()).hasSize(1);
    assertThat(bus.open).hasValue(base);
  }

  @Test
  void aReplayIsPacedThenLiveMessagesAreNot() {
    Room room = service.createRoom("general", "alice");
    service.send(room.id(), "alice", "old").join();
    SessionSubscriptions alice = subscriptions("alice");

    alice.subscribe(subscribe("s1", D.room(room.id()), "since-seq", "0", "receipt", "r1"));
    service.send(room.id(), "alice", "new").join();

    assertThat(contents()).containsExactly("alice joined the room", "old", "new");
    assertThat(replies.paced).hasSize(2);
    assertThat(replies.pacedReceipts).containsExactly("r1");
  }

  @Test
  void aLiveLeaveAfterAReplayEndsTheSubscription() {
    Room room = service.createRoom("general", "alice");
    service.join(room.id(), "bob");
    service.join(room.id(), "carol");
    SessionSubscriptions alice = subscriptions("alice");
    alice.subscribe(subscribe("err", D.errors()));
    alice.subscribe(subscribe("s1", D.room(room.id()), "since-seq", "-1"));

    service.leave(room.id(), "bob");
    service.send(room.id(), "alice", "still here").join();
    service.leave(room.id(), "alice");
    service.send(room.id(), "carol", "gone").join();

    assertThat(contents()).contains("still here").doesNotContain("gone");
    assertThat(errorQueue()).hasSize(1);
  }

  @Test
  void aReplaySkipsWhatCameBetweenTheirLeaveAndTheirNextJoin() {
    Room room = service.createRoom("general", "bob");
    service.join(room.id(), "alice");
    service.leave(room.id(), "alice");
    service.send(room.id(), "bob", "missed").join();
    service.join(room.id(), "alice");
    service.send(room.id(), "bob", "seen").join();
    SessionSubscriptions alice = subscriptions("alice");
    alice.subscribe(subscribe("err", D.errors()));

    alice.subscribe(subscribe("s1", D.room(room.id()), "since-seq", "0"));

    assertThat(contents()).contains("seen").doesNotContain("missed");
    assertThat(errorQueue()).isEmpty();
  }

  @Test
  void aReplayEndingWithTheirLeaveIsRevokedOnceRegistered() {
    // An authorizer that lets anyone subscribe: only the replayed LEAVE can end it.
    RoomAuthorizer anyone =
        new RoomAuthorizer() {
          @Override
          public boolean canSubscribe(ChatPrincipal user, Room room) {
            return true;
          }
        };
    Room room = service.createRoom("general", "bob");
    service.join(room.id(), "alice");
    service.leave(room.id(), "alice");
    SessionSubscriptions alice = subscriptions("alice", 10, anyone);
    alice.subscribe(subscribe("err", D.errors()));

    alice.subscribe(subscribe("s1", D.room(room.id()), "since-seq", "0"));
    service.send(room.id(), "bob", "after").join();

    assertThat(errorQueue()).hasSize(1);
    assertThat(contents()).doesNotContain("after");
    assertThat(bus.open).hasValue(base);
  }

  @Test
  void aLeaveJustBeforeRegistrationStopsDeliveriesAtOnce() {
    // Allowed at the check, refused by the fresh read once registered: a leave in between.
    AtomicInteger asked = new AtomicInteger();
    RoomAuthorizer leftMeanwhile =
        new RoomAuthorizer() {
          @Override
          public boolean canSubscribe(ChatPrincipal user, Room room) {
            return asked.incrementAndGet() == 1;
          }
        };
    closer = deferredCloses::add;
    Room room = service.createRoom("general", "alice");
    SessionSubscriptions alice = subscriptions("alice", 10, leftMeanwhile);
    alice.subscribe(subscribe("err", D.errors()));

    alice.subscribe(subscribe("s1", D.room(room.id())));
    service.send(room.id(), "alice", "after").join();

    assertThat(errorQueue()).hasSize(1);
    assertThat(deferredCloses).hasSize(1);
    assertThat(contents()).doesNotContain("after");
  }
}
