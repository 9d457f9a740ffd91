package io.chatstack.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.core.ChatService;
import io.chatstack.core.NotParticipantException;
import io.chatstack.core.Room;
import io.chatstack.core.RoomNotFoundException;
import io.chatstack.core.RoomVisibility;
import io.chatstack.core.Subscription;
import io.chatstack.json.ChatJson;
import io.chatstack.memory.InMemoryRoomRepository;
import io.chatstack.server.ChatPrincipal;
import io.chatstack.server.RoomAccess;
import io.chatstack.server.RoomAuthorizer;
import io.chatstack.server.TestFrame;
import io.chatstack.stomp.ErrorCodes;
import io.chatstack.stomp.FrameWriter;
import io.chatstack.stomp.RouteParser;
import io.chatstack.stomp.StompProtocolException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A room's presence, typing and read receipts, and the read-state queue, as one session subscribes
 * to them: what is delivered on which subscription, who is refused, and how a leave ends them.
 */
class SessionSignalsTest extends SessionSubscriptionsFixture {
  static final Duration WAIT = Duration.ofSeconds(10);

  private List<TestFrame> on(String subscription) {
    return replies.frames().stream()
        .filter(f -> f.command().equals("MESSAGE"))
        .filter(f -> subscription.equals(f.header("subscription")))
        .toList();
  }

  private List<JsonNode> bodies(String subscription) {
    return on(subscription).stream().map(SessionSignalsTest::json).toList();
  }

  private static JsonNode json(TestFrame f) {
    try {
      return ChatJson.mapper().readTree(f.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> revoked() {
    return errorQueue().stream()
        .map(SessionSignalsTest::json)
        .filter(j -> j.path("code").asText().equals(ErrorCodes.SUBSCRIPTION_REVOKED))
        .map(j -> j.path("subscription").asText() + "@" + j.path("roomId").asLong())
        .toList();
  }

  @Test
  void presenceStartsWithASnapshotThenTellsWhoComesAndGoes() {
    Room room = service.createRoom("general", "alice");
    service.join(room.id(), "bob");
    service.join(room.id(), "carol");
    Subscription bob = service.presence().connected("bob");
    SessionSubscriptions alice = subscriptions("alice");

    alice.subscribe(subscribe("p", D.presence(room.id()), "receipt", "r"));

    await().atMost(WAIT).until(() -> !on("p").isEmpty());
    TestFrame first = on("p").get(0);
    assertThat(first.header("destination")).isEqualTo("/topic/chat/" + room.id() + "/presence");
    assertThat(first.header("content-type")).isEqualTo("application/json");
    assertThat(first.header("message-id")).isNotBlank();
    assertThat(first.body()).isEqualTo("{\"type\":\"snapshot\",\"online\":[\"bob\"],\"count\":1}");
    assertThat(replies.pacedReceipts).containsExactly("r");

    Subscription carol = service.presence().connected("carol");
    await()
        .atMost(WAIT)
        .until(
            () ->
                on("p").stream()
                    .anyMatch(
                        f ->
                            f.body()
                                .equals("{\"type\":\"online\",\"user\":\"carol\",\"count\":2}")));
    carol.close();
    await()
        .atMost(WAIT)
        .until(
            () ->
                on("p").stream()
                    .anyMatch(
                        f ->
                            f.body()
                                .equals("{\"type\":\"offline\",\"user\":\"carol\",\"count\":1}")));
    bob.close();
  }

  @Test
  void typingIsForwardedAndEndsByItself() {
    Room room = service.createRoom("general", "alice");
    service.join(room.id(), "bob");
    SessionSubscriptions alice = subscriptions("alice");
    alice.subscribe(subscribe("t", D.typing(room.id())));

    service.typing().typing(room.id(), "bob", true);

    await()
        .atMost(WAIT)
        .until(() -> bodies("t").stream().anyMatch(b -> !b.path("typing").asBoolean(true)));
    assertThat(on("t").get(0).body()).isEqualTo("{\"user\":\"bob\",\"typing\":true}");
    assertThat(on("t").get(0).header("destination"))
        .isEqualTo("/topic/chat/" + room.id() + "/typing");
    assertThat(on("t").get(on("t").size() - 1).body())
        .isEqualTo("{\"user\":\"bob\",\"typing\":false}");
  }

  @Test
  void readReceiptsAndTheReadStateQueue() {
    Room room = service.createRoom("general", "alice");
    service.join(room.id(), "bob");
    long seq = service.send(room.id(), "alice", "hello").join().seq();
    service.send(room.id(), "alice", "more").join();
    SessionSubscriptions alice = subscriptions("alice");
    SessionSubscriptions bob = subscriptions("bob");
    alice.subscribe(subscribe("reads", D.reads(room.id())));
    bob.subscribe(subscribe("mine", D.readState()));

    service.readStates().markRead(room.id(), "bob", seq);

    await().atMost(WAIT).until(() -> !on("reads").isEmpty() && !on("mine").isEmpty());
    assertThat(on("reads").get(0).body()).isEqualTo("{\"user\":\"bob\",\"seq\":" + seq + "}");
    assertThat(on("reads").get(0).header("destination"))
        .isEqualTo("/topic/chat/" + room.id() + "/reads");
    TestFrame state = on("mine").get(0);
    assertThat(state.header("destination")).isEqualTo("/user/queue/read-state");
    assertThat(state.body())
        .isEqualTo("{\"roomId\":" + room.id() + ",\"lastReadSeq\":" + seq + ",\"unreadCount\":1}");
  }

  @Test
  void nonParticipantsAreRefusedEverySignalOfARoomAndNothingIsKept() {
    Room open = service.createRoom("open", "owner");
    Room hidden = service.createRoom("hidden", "owner", RoomVisibility.PRIVATE);
    SessionSubscriptions eve = subscriptions("eve");
    for (String destination :
        List.of(D.presence(open.id()), D.typing(open.id()), D.reads(open.id()))) {
      assertThatThrownBy(() -> eve.subscribe(subscribe("x", destination)))
          .as(destination)
          .isInstanceOf(NotParticipantException.class);
    }
    for (String destination :
        List.of(D.presence(hidden.id()), D.typing(hidden.id()), D.reads(hidden.id()))) {
      assertThatThrownBy(() -> eve.subscribe(subscribe("x", destination)))
          .as(destination)
          .isInstanceOf(RoomNotFoundException.class);
    }
    assertThatThrownBy(() -> eve.subscribe(subscribe("x", D.typing(999_999))))
        .isInstanceOf(RoomNotFoundException.class);
    assertThat(eve.signals().size()).isZero();
    assertThat(eve.signals().followsRoomEvents()).isFalse();
    assertThat(bus.open).hasValue(base);
    // the id was never taken
    eve.subscribe(subscribe("x", D.readState()));
    assertThat(replies.pacedReceipts).containsExactly("null");
  }

  @Test
  void sinceSeqIsRefusedOnSignals() {
    Room room = service.createRoom("general", "alice");
    SessionSubscriptions alice = subscriptions("alice");
    assertThatThrownBy(
            () -> alice.subscribe(subscribe("t", D.typing(room.id()), "since-seq", "-1")))
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.BAD_SINCE_SEQ));
  }

  @Test
  void leavingRevokesEverySignalSubscriptionOfThatRoomAndNothingElse() {
    Room room = service.createRoom("general", "alice");
    Room other = service.createRoom("other", "alice");
    service.join(room.id(), "bob");
    SessionSubscriptions alice = subscriptions("alice");
    alice.subscribe(subscribe("err", D.errors()));
    alice.subscribe(subscribe("p", D.presence(room.id())));
    alice.subscribe(subscribe("t", D.typing(room.id())));
    alice.subscribe(subscribe("r", D.reads(room.id())));
    alice.subscribe(subscribe("t2", D.typing(other.id())));
    alice.subscribe(subscribe("mine", D.readState()));
    assertThat(alice.signals().size()).isEqualTo(4);
    assertThat(alice.signals().followsRoomEvents()).isTrue();

    service.leave(room.id(), "bob"); // someone else leaving changes nothing
    service.join(room.id(), "carol");
    assertThat(revoked()).isEmpty();
    service.leave(room.id(), "alice");

    await().atMost(WAIT).until(() -> revoked().size() == 3);
    assertThat(revoked())
        .containsExactlyInAnyOrder("p@" + room.id(), "t@" + room.id(), "r@" + room.id());
    assertThat(alice.signals().size()).isEqualTo(1);
    assertThat(alice.signals().followsRoomEvents()).isTrue();
    // nothing of the room arrives any more
    int typed = on("t").size();
    service.join(room.id(), "alice");
    service.typing().typing(room.id(), "carol", true);
    service.typing().typing(other.id(), "alice", true);
    await().atMost(WAIT).until(() -> !on("t2").isEmpty());
    assertThat(on("t")).hasSize(typed);
    // the ids are free again, the others still work
    alice.subscribe(subscribe("t", D.typing(room.id())));
    alice.unsubscribe(unsubscribe("t", "u1"));
    alice.unsubscribe(unsubscribe("t2", "u2"));
    assertThat(alice.signals().followsRoomEvents()).isFalse();
    alice.unsubscribe(unsubscribe("mine", "u3"));
    // the core's own taps close with their last subscriber
    await().atMost(WAIT).untilAsserted(() -> assertThat(bus.open).hasValue(base));
    assertThatThrownBy(() -> alice.unsubscribe(unsubscribe("p", "u4")))
        .isInstanceOf(StompProtocolException.class);
  }

  @Test
  void theRoomEventListenerIsOpenOnlyWhileThereAreRoomSignals() {
    Room room = service.createRoom("general", "alice");
    SessionSubscriptions alice = subscriptions("alice");
    alice.subscribe(subscribe("room", D.room(room.id())));
    alice.subscribe(subscribe("mine", D.readState()));
    assertThat(alice.signals().followsRoomEvents()).isFalse();

    alice.subscribe(subscribe("p", D.presence(room.id())));
    alice.subscribe(subscribe("t", D.typing(room.id())));
    assertThat(alice.signals().followsRoomEvents()).isTrue();
    alice.unsubscribe(unsubscribe("p", "u"));
    assertThat(alice.signals().followsRoomEvents()).isTrue();

    alice.closeAll();
    assertThat(alice.signals().followsRoomEvents()).isFalse();
    assertThat(alice.signals().size()).isZero();
    await().atMost(WAIT).untilAsserted(() -> assertThat(bus.open).hasValue(base));
  }

  @Test
  void aSubscriptionMadeAsTheSessionClosesIsReleased() {
    Room room = service.createRoom("general", "alice");
    SessionSubscriptions alice = subscriptions("alice");
    replies.open = false;
    alice.subscribe(subscribe("t", D.typing(room.id())));
    assertThat(alice.signals().size()).isZero();
    assertThat(alice.signals().followsRoomEvents()).isFalse();
    await().atMost(WAIT).untilAsserted(() -> assertThat(bus.open).hasValue(base));
  }

  /** A session of {@code user} on a service of the test's own (replies go to the fixture's). */
  private SessionSubscriptions subscriptionsOn(ChatService own, String user) {
    FrameWriter frames = new FrameWriter();
    return new SessionSubscriptions(
        new ChatPrincipal(user),
        own,
        new RoomAccess(own, RoomAuthorizer.defaults()),
        new RouteParser(D),
        frames,
        new SharedMessages(frames, D, 16),
        new ErrorQueue(D.errors(), frames, replies),
        10,
        closer,
        replies);
  }

  @Test
  void aLeaveTheCacheHasNotSeenIsCaughtByTheFreshReadAfterRegistration() {
    InMemoryRoomRepository rooms = new InMemoryRoomRepository();
    try (ChatService stale =
        ChatService.builder()
            .roomRepository(rooms)
            .roomCacheTtl(Duration.ofMinutes(10))
            .signalSettings(FAST)
            .build()) {
      Room room = stale.createRoom("stale", "alice");
      stale.join(room.id(), "bob");
      assertThat(stale.cachedRoom(room.id()).participants()).contains("bob");
      // Removed on "another node": the repository knows, this node's cache and events do not.
      rooms.removeParticipant(room.id(), "bob");
      SessionSubscriptions bob = subscriptionsOn(stale, "bob");
      bob.subscribe(subscribe("err", D.errors()));
      bob.subscribe(subscribe("t", D.typing(room.id()), "receipt", "rt"));

      assertThat(replies.pacedReceipts).contains("rt");
      assertThat(revoked()).containsExactly("t@" + room.id());
      assertThat(bob.signals().size()).isZero();
      // subscribed again, the same happens: the id was freed
      bob.subscribe(subscribe("t", D.typing(room.id())));
      assertThat(revoked()).containsExactly("t@" + room.id(), "t@" + room.id());
    }
  }

  @Test
  void aRemovalWhoseRoomEventWasLostEndsTheSubscriptionOnceTheCacheKnows() {
    InMemoryRoomRepository rooms = new InMemoryRoomRepository();
    try (ChatService lossy =
        ChatService.builder()
            .roomRepository(rooms)
            .roomCacheTtl(Duration.ofMillis(200))
            .signalSettings(FAST)
            .build()) {
      Room room = lossy.createRoom("lossy", "alice");
      lossy.join(room.id(), "bob");
      SessionSubscriptions bob = subscriptionsOn(lossy, "bob");
      bob.subscribe(subscribe("err", D.errors()));
      bob.subscribe(subscribe("t", D.typing(room.id())));
      assertThat(revoked()).isEmpty();
      // Removed, but the LEFT event never came (as when its publish failed): only the cache's
      // refresh tells this node.
      rooms.removeParticipant(room.id(), "bob");
      await().atMost(WAIT).until(() -> !lossy.cachedRoom(room.id()).hasParticipant("bob"));

      // Deliveries ask at most once a second: alice keeps typing until the check has come.
      await()
          .atMost(WAIT)
          .until(
              () -> {
                lossy.typing().typing(room.id(), "alice", true);
                return revoked().contains("t@" + room.id());
              });
      assertThat(bob.signals().size()).isZero();
    }
  }

  @Test
  void signalSubscriptionsCountTowardsTheLimit() {
    Room room = service.createRoom("general", "alice");
    SessionSubscriptions alice = subscriptions("alice", 2, RoomAuthorizer.defaults());
    alice.subscribe(subscribe("p", D.presence(room.id())));
    alice.subscribe(subscribe("mine", D.readState()));
    assertThatThrownBy(() -> alice.subscribe(subscribe("t", D.typing(room.id()))))
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.TOO_MANY_SUBSCRIPTIONS));
    assertThatThrownBy(() -> alice.subscribe(subscribe("p", D.typing(room.id()))))
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.DUPLICATE_SUBSCRIPTION));
  }

  @Test
  void aRevokedSubscriptionDeliversNothingEvenBeforeItIsClosed() {
    closer = deferredCloses::add;
    Room room = service.createRoom("general", "alice");
    service.join(room.id(), "bob");
    SessionSubscriptions alice = subscriptions("alice");
    alice.subscribe(subscribe("err", D.errors()));
    alice.subscribe(subscribe("t", D.typing(room.id())));

    service.leave(room.id(), "alice");
    await().atMost(WAIT).until(() -> revoked().size() == 1);
    assertThat(deferredCloses).hasSize(1); // the core subscription is still open
    service.typing().typing(room.id(), "bob", true);
    SessionSubscriptions marker = subscriptions("bob");
    marker.subscribe(subscribe("m", D.typing(room.id())));
    service.typing().typing(room.id(), "bob", false);
    await()
        .atMost(WAIT)
        .until(() -> bodies("m").stream().anyMatch(b -> !b.path("typing").asBoolean(true)));

    assertThat(on("t")).isEmpty();
    deferredCloses.forEach(Runnable::run);
    assertThat(alice.signals().followsRoomEvents()).isFalse();
  }
}
