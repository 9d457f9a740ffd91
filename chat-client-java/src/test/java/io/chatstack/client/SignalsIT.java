package io.chatstack.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.PresenceEvent;
import io.chatstack.core.ReadReceipt;
import io.chatstack.core.ReadState;
import io.chatstack.core.RoomSummary;
import io.chatstack.core.RoomVisibility;
import io.chatstack.core.TypingEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Presence, typing and read state through the Java client, against a real server. */
class SignalsIT {
  static final Duration WAIT = Duration.ofSeconds(20);
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.withFastSignals();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<String> changes(SignalRecorder<PresenceEvent> recorder) {
    return recorder.events.stream().map(e -> e.type() + ":" + e.user() + ":" + e.count()).toList();
  }

  @Test
  void presenceStartsWithASnapshotThenFollowsWhoComesAndGoes() {
    SignalRecorder<PresenceEvent> presence = new SignalRecorder<>();
    try (ChatClient alice = server.client("alice1").build().connect()) {
      RoomSummary room = alice.createRoom("presence");
      server.service.join(room.id(), "bob1");
      ChatSubscription subscription = alice.subscribePresence(room.id(), presence);
      assertThat(subscription.roomId()).isEqualTo(room.id());
      assertThat(subscription.lastSeq()).isEqualTo(-1);
      await().atMost(WAIT).until(() -> !presence.events.isEmpty());
      assertThat(presence.events.get(0))
          .isEqualTo(
              new PresenceEvent(PresenceEvent.Type.SNAPSHOT, room.id(), "", List.of("alice1"), 1));
      assertThat(presence.subscriptions).containsOnly(subscription);

      ChatClient bob = server.client("bob1").build().connect();
      await().atMost(WAIT).until(() -> changes(presence).contains("ONLINE:bob1:2"));
      bob.close();
      await().atMost(WAIT).until(() -> changes(presence).contains("OFFLINE:bob1:1"));
      assertThat(changes(presence))
          .containsExactly("SNAPSHOT::1", "ONLINE:bob1:2", "OFFLINE:bob1:1");

      subscription.close();
      assertThat(subscription.isActive()).isFalse();
      assertThat(presence.ends).isEmpty();
    }
  }

  @Test
  void typingGoesThroughTheGateAndReachesTheRoom() {
    SignalRecorder<TypingEvent> typing = new SignalRecorder<>();
    try (ChatClient alice = server.client("alice2").build().connect();
        ChatClient bob = server.client("bob2").build().connect()) {
      RoomSummary room = alice.createRoom("typing");
      bob.join(room.id());
      alice.subscribeTyping(room.id(), typing);

      bob.typing(room.id(), false); // nothing started: nothing sent
      for (int i = 0; i < 5; i++) {
        bob.typing(room.id(), true); // every keystroke: one true goes
      }
      bob.typing(room.id(), false);
      bob.typing(room.id(), false);

      await().atMost(WAIT).until(() -> typing.events.size() >= 2);
      assertThat(typing.events)
          .containsExactly(
              new TypingEvent(room.id(), "bob2", true), new TypingEvent(room.id(), "bob2", false));
    }
  }

  @Test
  void markReadAnswersTheStateAndReachesReceiptsAndTheReadStateOfEveryDevice() throws Exception {
    SignalRecorder<ReadReceipt> receipts = new SignalRecorder<>();
    SignalRecorder<ReadState> states = new SignalRecorder<>();
    try (ChatClient alice = server.client("alice3").build().connect();
        ChatClient bob = server.client("bob3").build().connect();
        ChatClient bobsPhone = server.client("bob3").build().connect()) {
      RoomSummary room = alice.createRoom("reads");
      bob.join(room.id());
      long first = alice.send(room.id(), "one").get().seq();
      alice.send(room.id(), "two").get();
      alice.subscribeReceipts(room.id(), receipts);
      ChatSubscription mine = bobsPhone.subscribeReadState(states);
      assertThat(mine.roomId()).isEqualTo(-1);

      ReadState after = bob.markRead(room.id(), first).get(20, TimeUnit.SECONDS);

      assertThat(after).isEqualTo(new ReadState(room.id(), "bob3", first, 1));
      await().atMost(WAIT).until(() -> !receipts.events.isEmpty());
      assertThat(receipts.events.get(0)).isEqualTo(new ReadReceipt(room.id(), "bob3", first));
      await().atMost(WAIT).until(() -> states.events.contains(after));
      // never back
      assertThat(bob.markRead(room.id(), -1).get(20, TimeUnit.SECONDS)).isEqualTo(after);
    }
  }

  @Test
  void refusalsFailTheCallAndChangeNothing() {
    try (ChatClient alice = server.client("alice4").build().connect();
        ChatClient eve = server.client("eve4").build().connect()) {
      RoomSummary open = alice.createRoom("open");
      RoomSummary hidden = alice.createRoom("hidden", RoomVisibility.PRIVATE);
      assertThatThrownBy(() -> eve.markRead(open.id(), 0).get(20, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOfSatisfying(
              ChatClientException.class, e -> assertThat(e.code()).isEqualTo("not-participant"));
      for (long roomId : new long[] {open.id(), hidden.id()}) {
        String code = roomId == open.id() ? "not-participant" : "room-not-found";
        SignalRecorder<Object> unused = new SignalRecorder<>();
        assertThatThrownBy(() -> eve.subscribePresence(roomId, unused::onEvent))
            .isInstanceOfSatisfying(
                ChatClientException.class, e -> assertThat(e.code()).isEqualTo(code));
        assertThatThrownBy(() -> eve.subscribeTyping(roomId, unused::onEvent))
            .isInstanceOfSatisfying(
                ChatClientException.class, e -> assertThat(e.code()).isEqualTo(code));
        assertThatThrownBy(() -> eve.subscribeReceipts(roomId, unused::onEvent))
            .isInstanceOfSatisfying(
                ChatClientException.class, e -> assertThat(e.code()).isEqualTo(code));
      }
      assertThat(server.service.readStates().states("eve4")).isEmpty();
      assertThatThrownBy(() -> eve.markRead(open.id(), -2))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(eve.isConnected()).isTrue();
    }
  }

  @Test
  void beforeConnectingMarkReadFailsAndTypingIsDropped() {
    ChatClient idle = server.client("idle5").build();
    idle.typing(1, true);
    assertThatThrownBy(() -> idle.markRead(1, 0).join())
        .cause()
        .isInstanceOfSatisfying(
            ChatClientException.class, e -> assertThat(e.code()).isEqualTo("not-connected"));
    idle.close();
  }

  @Test
  void leavingOnAnotherDeviceRevokesEachSignalSubscriptionOfTheRoom() {
    SignalRecorder<PresenceEvent> presence = new SignalRecorder<>();
    SignalRecorder<TypingEvent> typing = new SignalRecorder<>();
    SignalRecorder<ReadReceipt> receipts = new SignalRecorder<>();
    SignalRecorder<ReadState> states = new SignalRecorder<>();
    Recorder messages = new Recorder();
    try (ChatClient alice = server.client("alice6").build().connect();
        ChatClient bob = server.client("bob6").build().connect();
        ChatClient bobsPhone = server.client("bob6").build().connect()) {
      RoomSummary room = alice.createRoom("revoke");
      RoomSummary other = alice.createRoom("stay");
      bob.join(room.id());
      bob.join(other.id());
      ChatSubscription p = bob.subscribePresence(room.id(), presence);
      ChatSubscription t = bob.subscribeTyping(room.id(), typing);
      ChatSubscription r = bob.subscribeReceipts(room.id(), receipts);
      ChatSubscription m = bob.subscribe(room.id(), messages);
      SignalRecorder<TypingEvent> otherTyping = new SignalRecorder<>();
      ChatSubscription kept = bob.subscribeTyping(other.id(), otherTyping);
      ChatSubscription mine = bob.subscribeReadState(states);

      bobsPhone.leave(room.id());

      await()
          .atMost(WAIT)
          .until(
              () ->
                  presence.ends.size() == 1
                      && typing.ends.size() == 1
                      && receipts.ends.size() == 1
                      && messages.events.contains("revoked:" + room.id()));
      for (SignalRecorder<?> recorder : List.of(presence, typing, receipts)) {
        assertThat(recorder.ends).containsExactly("revoked:" + room.id());
      }
      assertThat(presence.subscriptions).last().isSameAs(p);
      assertThat(typing.subscriptions).last().isSameAs(t);
      assertThat(receipts.subscriptions).last().isSameAs(r);
      assertThat(List.of(p, t, r, m)).noneMatch(ChatSubscription::isActive);
      assertThat(kept.isActive()).isTrue();
      assertThat(mine.isActive()).isTrue();
      assertThat(otherTyping.ends).isEmpty();
      assertThat(states.ends).isEmpty();
      alice.typing(other.id(), true);
      await()
          .atMost(WAIT)
          .until(() -> otherTyping.events.contains(new TypingEvent(other.id(), "alice6", true)));
    }
  }
}
