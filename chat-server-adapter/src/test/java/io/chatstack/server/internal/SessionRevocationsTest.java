package io.chatstack.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.ModerationAction;
import io.chatstack.core.ModerationRequest;
import io.chatstack.core.NotParticipantException;
import io.chatstack.core.Room;
import io.chatstack.server.ChatPrincipal;
import io.chatstack.server.RoomAuthorizer;
import io.chatstack.server.TestFrame;
import io.chatstack.stomp.ErrorCodes;
import io.chatstack.stomp.StompProtocolException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How a room subscription ends at the user's own LEAVE, live or replayed by since-seq, and how a
 * replay is paced.
 */
class SessionRevocationsTest extends SessionSubscriptionsFixture {
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
    // An authorizer that lets anyone subscribe and replay: only the replayed LEAVE can end it.
    RoomAuthorizer anyone =
        new RoomAuthorizer() {
          @Override
          public boolean canSubscribe(ChatPrincipal user, Room room) {
            return true;
          }

          @Override
          public boolean canReadHistory(ChatPrincipal user, Room room) {
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

  @Test
  void aReplayIsAuthorizedFreshOnceRegisteredAndRefusedBeforeAnythingIsDelivered() {
    // Allowed by the cached room, refused by the fresh read: a removal on another node that this
    // node's cache has not heard of yet.
    AtomicInteger asked = new AtomicInteger();
    RoomAuthorizer removedElsewhere =
        new RoomAuthorizer() {
          @Override
          public boolean canSubscribe(ChatPrincipal user, Room room) {
            return asked.incrementAndGet() == 1;
          }
        };
    Room room = service.createRoom("general", "alice");
    service.send(room.id(), "alice", "before").join();
    SessionSubscriptions alice = subscriptions("alice", 10, removedElsewhere);
    alice.subscribe(subscribe("err", D.errors()));

    assertThatThrownBy(() -> alice.subscribe(subscribe("s1", D.room(room.id()), "since-seq", "-1")))
        .isInstanceOf(NotParticipantException.class);
    service.send(room.id(), "alice", "after").join();

    assertThat(contents()).isEmpty();
    assertThat(asked).hasValue(2);
    assertThat(bus.open).hasValue(base);
  }

  @Test
  void aReplayNeedsHistoryAccessWhereLiveDeliveryDoesNot() {
    // A host's rule: participants receive live messages but may not read what came before.
    RoomAuthorizer liveOnly =
        new RoomAuthorizer() {
          @Override
          public boolean canReadHistory(ChatPrincipal user, Room room) {
            return false;
          }
        };
    Room room = service.createRoom("general", "alice");
    service.send(room.id(), "alice", "earlier").join();
    SessionSubscriptions alice = subscriptions("alice", 10, liveOnly);

    assertThatThrownBy(() -> alice.subscribe(subscribe("s1", D.room(room.id()), "since-seq", "-1")))
        .isInstanceOf(NotParticipantException.class);
    alice.subscribe(subscribe("s2", D.room(room.id())));
    service.send(room.id(), "alice", "now").join();

    assertThat(contents()).containsExactly("now");
  }

  @Test
  void aSinceSeqAheadOfTheLogDoesNotHideTheirRemoval() {
    Room room = service.createRoom("general", "bob");
    service.join(room.id(), "alice");
    long latest = service.send(room.id(), "bob", "seen").join().seq();
    SessionSubscriptions alice = subscriptions("alice");
    alice.subscribe(subscribe("err", D.errors()));

    // Two ahead of the log: without a check, the kick (latest + 1) would be skipped as seen.
    alice.subscribe(subscribe("s1", D.room(room.id()), "since-seq", Long.toString(latest + 2)));
    service
        .moderation()
        .moderate(room.id(), "bob", ModerationRequest.of(ModerationAction.KICK, "alice"));
    service.send(room.id(), "bob", "after").join();
    service.send(room.id(), "bob", "later").join();

    assertThat(errorQueue()).hasSize(1);
    assertThat(contents()).doesNotContain("after", "later");
  }
}
