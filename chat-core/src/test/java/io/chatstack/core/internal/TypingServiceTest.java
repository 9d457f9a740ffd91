package io.chatstack.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.InvalidUsernameException;
import io.chatstack.core.MessageType;
import io.chatstack.core.NotParticipantException;
import io.chatstack.core.Room;
import io.chatstack.core.RoomNotFoundException;
import io.chatstack.core.Signal;
import io.chatstack.core.Signal.Kind;
import io.chatstack.core.Subscription;
import io.chatstack.core.TypingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TypingServiceTest {
  private final SignalFixture fixture = new SignalFixture();
  private final DirectSignalBus signals = new DirectSignalBus();
  private final List<TypingEvent> events = new CopyOnWriteArrayList<>();
  private PresenceService presence;
  private TypingService typing;
  private Room room;

  @BeforeEach
  void start() {
    SignalContext context = fixture.context("n1", signals);
    presence = new PresenceService(context);
    typing = new TypingService(context, presence);
    room = fixture.room("alice", "bob");
  }

  @AfterEach
  void stop() {
    typing.close();
    presence.close();
    fixture.close();
  }

  private void advance(double seconds) {
    fixture.clock.advance(Duration.ofMillis((long) (seconds * 1000)));
    typing.tick();
  }

  private void fromOtherNode(String user, boolean isTyping) {
    signals.deliver(Signal.of(Kind.TYPING, "n2", room.id(), user, isTyping ? 1 : 0));
  }

  private TypingEvent event(String user, boolean isTyping) {
    return new TypingEvent(room.id(), user, isTyping);
  }

  private void send(String sender, MessageType type) {
    fixture
        .bus
        .publish(
            new ChatMessage(
                UUID.randomUUID().toString(),
                room.id(),
                ChatMessage.UNASSIGNED_SEQ,
                sender,
                "hi",
                type,
                Instant.now(),
                null))
        .join();
  }

  @Test
  void aTrueIsPublishedAtMostOncePerThrottleAndAFalseAlways() {
    typing.typing(room.id(), "alice", true);
    advance(2.9);
    typing.typing(room.id(), "alice", true);
    assertThat(signals.published(Kind.TYPING))
        .containsExactly(Signal.of(Kind.TYPING, "n1", room.id(), "alice", 1));
    advance(0.1);
    typing.typing(room.id(), "alice", true);
    typing.typing(room.id(), "bob", true);
    typing.typing(room.id(), "alice", false);
    typing.typing(room.id(), "alice", true);
    assertThat(signals.published(Kind.TYPING))
        .extracting(Signal::user, Signal::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("alice", 1L),
            org.assertj.core.groups.Tuple.tuple("alice", 1L),
            org.assertj.core.groups.Tuple.tuple("bob", 1L),
            org.assertj.core.groups.Tuple.tuple("alice", 0L),
            org.assertj.core.groups.Tuple.tuple("alice", 1L));
  }

  @Test
  void subscribersHearTypingOfThisNodeThrottled() {
    typing.subscribe(room.id(), events::add);
    typing.typing(room.id(), "alice", true);
    typing.typing(room.id(), "alice", false);
    typing.typing(room.id(), "alice", true);
    assertThat(events)
        .containsExactly(event("alice", true), event("alice", false), event("alice", true));
  }

  @Test
  void receivedTruesAreForwardedOncePerThrottle() {
    typing.subscribe(room.id(), events::add);
    fromOtherNode("bob", true);
    advance(1);
    fromOtherNode("bob", true);
    advance(1.9);
    fromOtherNode("bob", true);
    assertThat(events).containsExactly(event("bob", true));
    advance(0.1);
    fromOtherNode("bob", true);
    assertThat(events).containsExactly(event("bob", true), event("bob", true));
  }

  @Test
  void aFalseFollowsTheTimeoutAfterTheLastTrue() {
    typing.subscribe(room.id(), events::add);
    fromOtherNode("bob", true);
    advance(2);
    fromOtherNode("bob", true);
    advance(5.9);
    assertThat(events).containsExactly(event("bob", true));
    advance(0.1);
    assertThat(events).containsExactly(event("bob", true), event("bob", false));
    advance(10);
    assertThat(events).hasSize(2);
  }

  @Test
  void aFalseIsForwardedOnlyForSomeoneTyping() {
    typing.subscribe(room.id(), events::add);
    fromOtherNode("bob", false);
    fromOtherNode("bob", true);
    fromOtherNode("bob", false);
    fromOtherNode("bob", false);
    assertThat(events).containsExactly(event("bob", true), event("bob", false));
  }

  @Test
  void theTypistsNextChatMessageStopsTheirTyping() {
    typing.subscribe(room.id(), events::add);
    fromOtherNode("alice", true);
    fromOtherNode("bob", true);
    send("alice", MessageType.JOIN);
    send("bob", MessageType.CHAT);
    send("bob", MessageType.CHAT);
    assertThat(events)
        .containsExactly(event("alice", true), event("bob", true), event("bob", false));
  }

  @Test
  void goingOfflineStopsTyping() {
    Room other = fixture.room("alice", "carol");
    typing.subscribe(room.id(), events::add);
    List<TypingEvent> otherEvents = new CopyOnWriteArrayList<>();
    typing.subscribe(other.id(), otherEvents::add);
    presence.connected("alice").close();
    typing.typing(room.id(), "alice", true);
    typing.typing(other.id(), "alice", true);
    fixture.clock.advance(Duration.ofSeconds(5));
    presence.tick();
    assertThat(events).containsExactly(event("alice", true), event("alice", false));
    assertThat(otherEvents)
        .containsExactly(
            new TypingEvent(other.id(), "alice", true),
            new TypingEvent(other.id(), "alice", false));
  }

  @Test
  void onlyParticipantsOfExistingRoomsMayType() {
    assertThatThrownBy(() -> typing.typing(room.id(), "carol", true))
        .isInstanceOf(NotParticipantException.class);
    assertThat(fixture.freshReads).isEqualTo(1);
    assertThatThrownBy(() -> typing.typing(9999, "alice", true))
        .isInstanceOf(RoomNotFoundException.class);
    assertThatThrownBy(() -> typing.subscribe(9999, e -> {}))
        .isInstanceOf(RoomNotFoundException.class);
    assertThatThrownBy(() -> typing.typing(room.id(), "not valid", true))
        .isInstanceOf(InvalidUsernameException.class);
    assertThat(signals.published(Kind.TYPING)).isEmpty();
  }

  @Test
  void aStaleCacheIsCheckedAgainstTheRepositoryBeforeRefusing() {
    fixture.stale.put(room.id(), room);
    fixture.rooms.addParticipant(room.id(), "carol");
    typing.typing(room.id(), "carol", true);
    assertThat(fixture.freshReads).isEqualTo(1);
    typing.typing(room.id(), "alice", false);
    assertThat(fixture.freshReads).isEqualTo(1);
    assertThat(signals.published(Kind.TYPING)).hasSize(2);
  }

  @Test
  void roomsWithoutSubscribersAreNotFollowed() {
    Subscription first = typing.subscribe(room.id(), events::add);
    List<TypingEvent> second = new CopyOnWriteArrayList<>();
    Subscription secondSub = typing.subscribe(room.id(), second::add);
    first.close();
    fromOtherNode("bob", true);
    assertThat(events).isEmpty();
    assertThat(second).containsExactly(event("bob", true));
    secondSub.close();
    secondSub.close();
    typing.subscribe(room.id(), events::add);
    fromOtherNode("bob", false); // the new watch never saw bob typing
    send("bob", MessageType.CHAT);
    signals.deliver(Signal.of(Kind.TYPING, "n2", room.id() + 1, "bob", 1));
    signals.deliver(Signal.of(Kind.ONLINE, "n2", room.id(), "bob", 1));
    assertThat(events).isEmpty();
    assertThat(second).hasSize(1);
  }

  @Test
  void aFailingListenerDoesNotStopTheOthers() {
    typing.subscribe(
        room.id(),
        e -> {
          throw new IllegalStateException("boom");
        });
    typing.subscribe(room.id(), events::add);
    fromOtherNode("bob", true);
    fromOtherNode("bob", false);
    assertThat(events).containsExactly(event("bob", true), event("bob", false));
  }

  @Test
  void theTimerTicks() {
    typing.subscribe(room.id(), events::add);
    fromOtherNode("bob", true);
    fixture.clock.advance(Duration.ofSeconds(6));
    assertThat(fixture.scheduler.delaysMillis).containsExactly(100L, 100L);
    fixture.scheduler.runPeriodic();
    assertThat(events).containsExactly(event("bob", true), event("bob", false));
  }

  @Test
  void closeStopsEverything() {
    typing.subscribe(room.id(), events::add);
    fromOtherNode("alice", true);
    fromOtherNode("bob", true);
    presence.connected("alice").close();
    typing.close();
    typing.close();
    assertThat(fixture.countingBus.open).hasValue(0);
    assertThat(signals.listenerCount()).isEqualTo(1); // presence's own
    assertThat(
            fixture.scheduler.getQueue().stream()
                .filter(t -> ((java.util.concurrent.Future<?>) t).isCancelled()))
        .hasSize(1);
    fromOtherNode("carol", true);
    send("bob", MessageType.CHAT);
    fixture.clock.advance(Duration.ofSeconds(60));
    presence.tick();
    typing.tick();
    assertThat(events).containsExactly(event("alice", true), event("bob", true));
  }

  @Test
  void eachWatchedRoomIsTappedOnceUntilItsLastSubscriberLeaves() {
    Subscription first = typing.subscribe(room.id(), events::add);
    Subscription second = typing.subscribe(room.id(), events::add);
    assertThat(fixture.countingBus.open).hasValue(1);
    first.close();
    assertThat(fixture.countingBus.open).hasValue(1);
    second.close();
    assertThat(fixture.countingBus.open).hasValue(0);
    second.close();
    assertThat(fixture.countingBus.open).hasValue(0);
  }

  @Test
  void aTapMadeWhileAnotherSubscriberWonTheRaceIsClosed() {
    List<TypingEvent> racer = new CopyOnWriteArrayList<>();
    fixture.countingBus.beforeNextSubscribe = () -> typing.subscribe(room.id(), racer::add);
    typing.subscribe(room.id(), events::add);
    assertThat(fixture.countingBus.open).hasValue(1);
    fromOtherNode("bob", true);
    assertThat(events).containsExactly(event("bob", true));
    assertThat(racer).containsExactly(event("bob", true));
  }
}
