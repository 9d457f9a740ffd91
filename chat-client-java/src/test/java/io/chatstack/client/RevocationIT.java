package io.chatstack.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.RoomSummary;
import io.chatstack.core.RoomVisibility;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Private rooms and subscription revocation as the Java client sees them. */
class RevocationIT {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = new TestServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aPrivateRoomIsListedOnlyForItsParticipants() {
    try (ChatClient alice = server.client("alice").build();
        ChatClient bob = server.client("bob").build()) {
      alice.connect();
      bob.connect();
      RoomSummary club = alice.createRoom("club", RoomVisibility.PRIVATE);
      assertThat(club.visibility()).isEqualTo(RoomVisibility.PRIVATE);
      assertThat(alice.rooms()).extracting(RoomSummary::id).contains(club.id());
      assertThat(bob.rooms()).extracting(RoomSummary::id).doesNotContain(club.id());
    }
  }

  @Test
  void leavingOnAnotherConnectionEndsTheSubscriptionAndTheListenerIsTold() throws Exception {
    Recorder listener = new Recorder();
    try (ChatClient alice = server.client("alice").build();
        ChatClient bob = server.client("bob").build();
        ChatClient bobsPhone = server.client("bob").build()) {
      alice.connect();
      bob.connect();
      bobsPhone.connect();
      RoomSummary room = alice.createRoom("lobby");
      bob.join(room.id());
      ChatSubscription subscription = bob.subscribe(room.id(), listener);
      alice.send(room.id(), "before").get();
      await().atMost(Duration.ofSeconds(10)).until(() -> listener.contents().contains("before"));

      bobsPhone.leave(room.id());
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> listener.events.contains("revoked:" + room.id()));
      assertThat(subscription.isActive()).isFalse();

      Recorder aliceSide = new Recorder();
      alice.subscribe(room.id(), aliceSide);
      alice.send(room.id(), "after").get();
      await().atMost(Duration.ofSeconds(10)).until(() -> aliceSide.contents().contains("after"));
      assertThat(listener.contents()).doesNotContain("after");
      assertThat(listener.messages.get(listener.messages.size() - 1).content())
          .isEqualTo("bob left the room");
      assertThat(listener.events).doesNotContain("error:subscription-revoked");
    }
  }

  @Test
  void invitationsRemovalsAndDirectRooms() throws Exception {
    Recorder listener = new Recorder();
    try (ChatClient alice = server.client("alice").build();
        ChatClient bob = server.client("bob").build()) {
      alice.connect();
      bob.connect();
      RoomSummary club = alice.createRoom("inner circle", RoomVisibility.PRIVATE);
      alice.invite(club.id(), "bob");
      assertThat(bob.rooms()).extracting(RoomSummary::id).contains(club.id());
      ChatSubscription subscription = bob.subscribe(club.id(), listener);
      assertThatThrownBy(() -> bob.remove(club.id(), "alice"))
          .isInstanceOf(ChatClientException.class)
          .extracting(e -> ((ChatClientException) e).code())
          .isEqualTo("forbidden");
      alice.remove(club.id(), "bob");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> listener.events.contains("revoked:" + club.id()));
      assertThat(subscription.isActive()).isFalse();
      assertThat(bob.rooms()).extracting(RoomSummary::id).doesNotContain(club.id());

      RoomSummary dm = alice.directRoom("bob");
      assertThat(dm.visibility()).isEqualTo(RoomVisibility.DIRECT);
      assertThat(bob.directRoom("alice").id()).isEqualTo(dm.id());
      assertThat(bob.send(dm.id(), "hi alice").get().seq()).isPositive();
    }
  }
}
