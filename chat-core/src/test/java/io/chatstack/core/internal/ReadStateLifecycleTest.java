package io.chatstack.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.ForwardingMessageBus;
import io.chatstack.core.MessageListener;
import io.chatstack.core.MessageType;
import io.chatstack.core.ModerationAction;
import io.chatstack.core.ModerationRequest;
import io.chatstack.core.ReadReceipt;
import io.chatstack.core.ReadState;
import io.chatstack.core.ReadStateRepository;
import io.chatstack.core.RoomEvent;
import io.chatstack.core.RoomEventListener;
import io.chatstack.core.RoomSummary;
import io.chatstack.core.Signal;
import io.chatstack.core.SignalBus;
import io.chatstack.core.SignalSettings;
import io.chatstack.core.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Joins, failures, re-entrant subscribers and closing. */
class ReadStateLifecycleTest {
  private final ReadStateFixture fx = new ReadStateFixture();
  private final AtomicInteger taps = new AtomicInteger();
  private final AtomicInteger roomEventListeners = new AtomicInteger();
  private final AtomicInteger signalListeners = new AtomicInteger();
  private long room;

  @BeforeEach
  void setUp() {
    room = fx.chat.createRoom("general", "alice").id(); // seq 1
    fx.chat.join(room, "bob"); // seq 2
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  /** The fixture's bus, counting open taps and room-event listeners; or losing every room event. */
  private ForwardingMessageBus countingBus(boolean roomEvents) {
    return new ForwardingMessageBus(fx.bus) {
      @Override
      public Subscription subscribe(long roomId, MessageListener listener) {
        return counted(taps, super.subscribe(roomId, listener));
      }

      @Override
      public Subscription subscribeRoomEvents(RoomEventListener listener) {
        return roomEvents
            ? counted(roomEventListeners, super.subscribeRoomEvents(listener))
            : () -> {}; // every room event lost
      }
    };
  }

  private ReadStateService countingNode(ReadStateRepository reads) {
    ForwardingMessageBus counting = countingBus(true);
    SignalBus signals =
        new SignalBus() {
          @Override
          public void publish(Signal signal) {
            fx.signals.publish(signal);
          }

          @Override
          public Subscription subscribe(Consumer<Signal> listener) {
            return counted(signalListeners, fx.signals.subscribe(listener));
          }

          @Override
          public void close() {}
        };
    return fx.node(
        SignalSettings.DEFAULTS.withReceiptInterval(Duration.ofSeconds(1)),
        counting,
        fx::room,
        fx::room,
        reads,
        signals);
  }

  private static Subscription counted(AtomicInteger open, Subscription subscription) {
    open.incrementAndGet();
    AtomicBoolean closed = new AtomicBoolean();
    return () -> {
      if (closed.compareAndSet(false, true)) {
        open.decrementAndGet();
      }
      subscription.close();
    };
  }

  @Test
  void closeReleasesEverySubscriptionAndDeliversNothingMore() {
    ReadStateService node = countingNode(fx.repository);
    List<ReadState> states = new CopyOnWriteArrayList<>();
    List<ReadReceipt> receipts = new CopyOnWriteArrayList<>();
    node.subscribe("bob", states::add);
    node.subscribeReceipts(room, receipts::add);
    assertThat(taps).hasValue(1);
    assertThat(roomEventListeners).hasValue(1);
    assertThat(signalListeners).hasValue(1);
    long three = fx.say(room, "alice", "one").seq();
    long four = fx.say(room, "alice", "two").seq();
    node.markRead(room, "bob", three);
    node.markRead(room, "bob", four); // held by the throttle
    await().until(() -> receipts.size() == 1 && states.size() == 4);
    node.close();
    await().until(() -> taps.get() == 0);
    assertThat(roomEventListeners).hasValue(0);
    assertThat(signalListeners).hasValue(0);
    fx.clock.advance(Duration.ofSeconds(2));
    node.tick();
    assertThat(receipts).containsExactly(new ReadReceipt(room, "bob", three));
    assertThat(node.tracker().follows("bob")).isFalse();
  }

  @Test
  void aRemovalWhoseRoomEventIsLostStillEndsTheFollowingOfTheRoom() {
    ForwardingMessageBus noRoomEvents = countingBus(false);
    ReadStateService node =
        fx.node(
            SignalSettings.DEFAULTS, noRoomEvents, fx::room, fx::room, fx.repository, fx.signals);
    List<ReadState> states = new CopyOnWriteArrayList<>();
    node.subscribe("bob", states::add);
    fx.say(room, "alice", "before");
    node.awaitIdle();
    assertThat(states).extracting(ReadState::unreadCount).containsExactly(1L);

    fx.chat
        .moderation()
        .moderate(room, "alice", ModerationRequest.of(ModerationAction.KICK, "bob"));
    fx.say(room, "alice", "after the kick");
    node.awaitIdle();

    assertThat(states).hasSize(1);
    assertThat(taps).hasValue(0);
  }

  @Test
  void aDeletedRoomIsNoLongerFollowedEvenWhenItsRoomEventIsLost() {
    ReadStateService node =
        fx.node(
            SignalSettings.DEFAULTS,
            countingBus(false),
            fx::room,
            fx::room,
            fx.repository,
            fx.signals);
    node.subscribe("bob", s -> {});
    node.awaitIdle();
    assertThat(taps).hasValue(1);

    fx.chat.moderation().deleteRoom(room, "alice");
    node.awaitIdle();

    assertThat(taps).hasValue(0);
  }

  @Test
  void aLeftOrDeletedRoomEventAloneEndsTheFollowingUnlessTheUserIsBack() {
    long other = fx.chat.createRoom("other", "alice").id();
    fx.chat.join(other, "bob");
    ReadStateService node = countingNode(fx.repository);
    node.subscribe("bob", s -> {});
    node.awaitIdle();
    assertThat(taps).hasValue(2);

    // A LEFT whose user is a participant again (their JOINED overtook it): still followed.
    fx.bus.publishRoomEvent(new RoomEvent(RoomEvent.Kind.LEFT, fx.room(room).summary(), "bob"));
    node.awaitIdle();
    assertThat(taps).hasValue(2);

    // Removed without a record on the room's log (only the room event tells): no longer followed.
    fx.rooms.removeParticipant(room, "bob");
    fx.bus.publishRoomEvent(new RoomEvent(RoomEvent.Kind.LEFT, fx.room(room).summary(), "bob"));
    node.awaitIdle();
    assertThat(taps).hasValue(1);

    RoomSummary deleted = fx.room(other).summary();
    fx.rooms.delete(other);
    fx.bus.publishRoomEvent(new RoomEvent(RoomEvent.Kind.DELETED, deleted, "alice"));
    node.awaitIdle();
    assertThat(taps).hasValue(0);
  }

  @Test
  void aRemovalRecordOfAUserWhoIsBackAlreadyKeepsTheFollowing() {
    ReadStateService node = countingNode(fx.repository);
    List<ReadState> states = new CopyOnWriteArrayList<>();
    node.subscribe("bob", states::add);
    node.awaitIdle();
    // A kick record whose user the room database lists again (their JOIN came meanwhile).
    fx.bus
        .publish(
            new ChatMessage(
                "kick-1",
                room,
                ChatMessage.UNASSIGNED_SEQ,
                "alice",
                "bob was removed by alice",
                MessageType.SYSTEM,
                Instant.parse("2026-12-04T10:00:00Z"),
                "kick-1",
                null,
                null,
                Map.of("action", "kick", "target", "bob"),
                Optional.empty(),
                false,
                Map.of(),
                0L))
        .join();
    fx.say(room, "alice", "still counted");
    node.awaitIdle();

    assertThat(taps).hasValue(1);
    assertThat(states).last().extracting(ReadState::unreadCount).isEqualTo(1L);
  }

  @Test
  void theLastSubscriberLeavingClosesTheBusTap() {
    ReadStateService node = countingNode(fx.repository);
    Subscription bob = node.subscribe("bob", s -> {});
    Subscription alice = node.subscribe("alice", s -> {});
    assertThat(taps).hasValue(1);
    bob.close();
    node.awaitIdle();
    assertThat(taps).hasValue(1);
    alice.close();
    node.awaitIdle();
    assertThat(taps).hasValue(0);
  }

  @Test
  void theWorkerIsADaemonThread() {
    ReadStateService node = fx.node();
    AtomicBoolean daemon = new AtomicBoolean();
    node.subscribe("bob", s -> {});
    node.subscribe("alice", s -> daemon.set(Thread.currentThread().isDaemon()));
    fx.chat.join(room, "carol");
    fx.say(room, "carol", "hi");
    node.awaitIdle();
    assertThat(daemon).isTrue();
  }

  @Test
  void aFailedSubscribeThrowsAndFollowsNothing() {
    AtomicInteger calls = new AtomicInteger();
    ReadStateRepository flaky =
        new ReadStateRepository() {
          @Override
          public long advance(long roomId, String username, long seq) {
            return fx.repository.advance(roomId, username, seq);
          }

          @Override
          public long find(long roomId, String username) {
            return fx.repository.find(roomId, username);
          }

          @Override
          public Map<Long, Long> findAll(String username) {
            if (calls.incrementAndGet() == 1) {
              throw new ChatUnavailableException("database down");
            }
            return fx.repository.findAll(username);
          }
        };
    ReadStateService node = countingNode(flaky);
    assertThatThrownBy(() -> node.subscribe("bob", s -> {}))
        .isInstanceOf(ChatUnavailableException.class)
        .hasMessage("database down");
    assertThat(node.tracker().follows("bob")).isFalse();
    List<ReadState> seen = new CopyOnWriteArrayList<>();
    node.subscribe("bob", seen::add);
    fx.say(room, "alice", "one");
    node.awaitIdle();
    assertThat(seen).containsExactly(new ReadState(room, "bob", 2, 1));
    assertThat(taps).hasValue(1);
  }

  @Test
  void aListenerMaySubscribeFromTheWorkerThread() {
    ReadStateService node = fx.node();
    List<ReadState> alice = new CopyOnWriteArrayList<>();
    AtomicBoolean once = new AtomicBoolean(true);
    node.subscribe(
        "bob",
        s -> {
          if (once.compareAndSet(true, false)) {
            node.subscribe("alice", alice::add);
          }
        });
    fx.say(room, "alice", "one"); // bob's push subscribes alice, whose count already has it
    node.awaitIdle();
    assertThat(once).isFalse();
    fx.chat.join(room, "carol");
    fx.say(room, "carol", "two");
    node.awaitIdle();
    assertThat(alice).containsExactly(new ReadState(room, "alice", 1, 1));
  }

  @Test
  void aJoinAdvancesAndPushesOnlyWhenItMoves() {
    ReadStateService node = fx.node();
    List<ReadState> seen = new CopyOnWriteArrayList<>();
    node.subscribe("bob", seen::add);
    fx.say(room, "alice", "one"); // seq 3: unread 1
    fx.say(room, "alice", "two"); // seq 4: unread 2
    node.joined(room, "bob", 2);
    node.joined(room, "bob", 1);
    node.awaitIdle();
    assertThat(seen).hasSize(2);
    node.joined(room, "bob", 3);
    node.awaitIdle();
    assertThat(seen).last().isEqualTo(new ReadState(room, "bob", 3, 1));
    assertThat(fx.repository.find(room, "bob")).isEqualTo(3);
  }

  @Test
  void aReadOfARoomJoinedUnseenIsFollowedWithAnExactCount() {
    ReadStateService node = fx.node();
    long other = fx.chat.createRoom("other", "alice").id();
    List<ReadState> seen = new CopyOnWriteArrayList<>();
    node.subscribe("bob", seen::add);
    fx.rooms.addParticipant(other, "bob"); // no JOIN message, no room event
    long x = fx.say(other, "alice", "x").seq();
    fx.say(other, "alice", "y");
    fx.signals.publish(Signal.of(Signal.Kind.READ, "elsewhere", other, "bob", x));
    await().until(() -> !seen.isEmpty());
    fx.say(other, "alice", "z");
    node.awaitIdle();
    assertThat(seen)
        .containsExactly(new ReadState(other, "bob", x, 1), new ReadState(other, "bob", x, 2));
  }
}
