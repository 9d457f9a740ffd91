package io.chatstack.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.InvalidInputException;
import io.chatstack.core.InvalidUsernameException;
import io.chatstack.core.NotParticipantException;
import io.chatstack.core.ReadState;
import io.chatstack.core.Room;
import io.chatstack.core.RoomNotFoundException;
import io.chatstack.core.Signal;
import io.chatstack.core.SignalSettings;
import io.chatstack.core.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadStateServiceTest {
  private final ReadStateFixture fx = new ReadStateFixture();
  private final List<Signal> reads = new CopyOnWriteArrayList<>();
  private ReadStateService node;
  private long room;

  @BeforeEach
  void setUp() {
    fx.signals.subscribe(
        s -> {
          if (s.kind() == Signal.Kind.READ) {
            reads.add(s);
          }
        });
    node = fx.node();
    room = fx.chat.createRoom("general", "alice").id(); // JOIN alice: seq 1
    fx.chat.join(room, "bob"); // JOIN bob: seq 2
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void markReadStoresTheSeqAndCountsWhatIsLeft() {
    long first = fx.say(room, "alice", "one").seq();
    fx.say(room, "alice", "two");
    fx.say(room, "alice", "three");
    assertThat(node.markRead(room, "bob", first)).isEqualTo(new ReadState(room, "bob", first, 2));
    assertThat(fx.repository.find(room, "bob")).isEqualTo(first);
    await().until(() -> reads.size() == 1);
    assertThat(reads.get(0)).isEqualTo(Signal.of(Signal.Kind.READ, "node-0", room, "bob", first));
  }

  @Test
  void markReadIsClampedToTheLatestSeq() {
    fx.say(room, "alice", "one");
    long last = fx.say(room, "alice", "two").seq();
    assertThat(node.markRead(room, "bob", last + 100))
        .isEqualTo(new ReadState(room, "bob", last, 0));
    assertThat(fx.repository.find(room, "bob")).isEqualTo(last);
  }

  @Test
  void markReadNeverMovesBackAndAnnouncesOnlyAMove() {
    long one = fx.say(room, "alice", "one").seq();
    long two = fx.say(room, "alice", "two").seq();
    fx.say(room, "alice", "three");
    assertThat(node.markRead(room, "bob", two)).isEqualTo(new ReadState(room, "bob", two, 1));
    assertThat(node.markRead(room, "bob", one)).isEqualTo(new ReadState(room, "bob", two, 1));
    assertThat(node.markRead(room, "bob", two)).isEqualTo(new ReadState(room, "bob", two, 1));
    assertThat(fx.repository.find(room, "bob")).isEqualTo(two);
    long three = fx.latest(room);
    node.markRead(room, "bob", three);
    await().until(() -> reads.size() == 2);
    assertThat(reads).extracting(Signal::value).containsExactly(two, three);
  }

  @Test
  void nothingReadIsAValidSeqThatChangesNothing() {
    fx.say(room, "alice", "one");
    // bob's JOIN (seq 2) counts as read already
    assertThat(node.markRead(room, "bob", ReadState.NOTHING_READ))
        .isEqualTo(new ReadState(room, "bob", 2, 1));
  }

  @Test
  void aSeqBelowNothingReadIsInvalidAndChangesNothing() {
    fx.say(room, "alice", "one");
    assertThatThrownBy(() -> node.markRead(room, "bob", -2))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("-2")
        .hasMessageContaining("-1")
        .satisfies(e -> assertThat(((InvalidInputException) e).code()).isEqualTo("invalid-seq"));
    assertThat(fx.repository.find(room, "bob")).isEqualTo(2);
  }

  @Test
  void aNonParticipantIsRefusedAndNothingChanges() {
    fx.say(room, "alice", "one");
    assertThatThrownBy(() -> node.markRead(room, "carol", 3))
        .isInstanceOf(NotParticipantException.class);
    assertThat(fx.repository.find(room, "carol")).isEqualTo(ReadState.NOTHING_READ);
    node.markRead(room, "bob", 3);
    await().until(() -> !reads.isEmpty());
    assertThat(reads).extracting(Signal::user).containsExactly("bob");
  }

  @Test
  void aRefusalOfTheCachedRoomIsCheckedAgainstTheFreshOne() {
    Room stale = fx.room(room);
    fx.chat.join(room, "carol");
    long seq = fx.say(room, "alice", "hi").seq();
    ReadStateService staleNode = fx.node(SignalSettings.DEFAULTS, fx.bus, id -> stale, fx::room);
    assertThat(staleNode.markRead(room, "carol", seq))
        .isEqualTo(new ReadState(room, "carol", seq, 0));
    fx.chat.leave(room, "carol");
    ReadStateService refreshed = fx.node(SignalSettings.DEFAULTS, fx.bus, fx::room, fx::room);
    assertThatThrownBy(() -> refreshed.markRead(room, "carol", seq))
        .isInstanceOf(NotParticipantException.class)
        .hasMessageContaining("carol");
  }

  @Test
  void unknownRoomsAndBadNamesAreRefused() {
    assertThatThrownBy(() -> node.markRead(9999, "bob", 1))
        .isInstanceOf(RoomNotFoundException.class);
    assertThatThrownBy(() -> node.state(9999, "bob")).isInstanceOf(RoomNotFoundException.class);
    assertThatThrownBy(() -> node.markRead(room, "no spaces", 1))
        .isInstanceOf(InvalidUsernameException.class);
    assertThatThrownBy(() -> node.state(room, "")).isInstanceOf(InvalidUsernameException.class);
    assertThatThrownBy(() -> node.states("a b")).isInstanceOf(InvalidUsernameException.class);
    assertThatThrownBy(() -> node.subscribe("a b", s -> {}))
        .isInstanceOf(InvalidUsernameException.class);
  }

  @Test
  void aJoinCountsAsReadAndOnlyChatFromOthersIsUnread() {
    fx.say(room, "alice", "before carol");
    fx.chat.join(room, "carol");
    long join = fx.latest(room);
    assertThat(node.state(room, "carol")).isEqualTo(new ReadState(room, "carol", join, 0));
    fx.say(room, "alice", "one");
    fx.say(room, "carol", "mine");
    fx.chat.join(room, "dave");
    fx.chat.leave(room, "dave");
    fx.say(room, "bob", "two");
    assertThat(node.state(room, "carol")).isEqualTo(new ReadState(room, "carol", join, 2));
    assertThat(fx.chat.readStates().state(room, "carol").unreadCount()).isEqualTo(2);
  }

  @Test
  void statesListEveryRoomOfTheUserByIdWithExactCounts() {
    long other = fx.chat.createRoom("other", "bob").id();
    fx.say(room, "alice", "one");
    fx.say(room, "alice", "two");
    fx.say(other, "bob", "own");
    long never = fx.chat.createRoom("not bob's", "alice").id();
    fx.say(never, "alice", "x");
    assertThat(node.states("bob"))
        .containsExactly(new ReadState(room, "bob", 2, 2), new ReadState(other, "bob", 1, 0));
    assertThat(node.states("nobody")).isEmpty();
  }

  @Test
  void aSubscriberSeesUnreadCountsRiseWithChatFromOthersOnly() {
    fx.say(room, "alice", "before");
    List<ReadState> seen = new CopyOnWriteArrayList<>();
    node.subscribe("bob", seen::add);
    long one = fx.say(room, "alice", "one").seq();
    fx.say(room, "bob", "own");
    fx.chat.join(room, "carol");
    long two = fx.say(room, "carol", "two").seq();
    node.awaitIdle();
    assertThat(one).isLessThan(two);
    assertThat(seen)
        .containsExactly(new ReadState(room, "bob", 2, 2), new ReadState(room, "bob", 2, 3));
  }

  @Test
  void aMarkReadReachesSubscribersOnEveryNode() {
    ReadStateService other = fx.node();
    fx.say(room, "alice", "one");
    long two = fx.say(room, "alice", "two").seq();
    fx.say(room, "alice", "three");
    List<ReadState> seen = new CopyOnWriteArrayList<>();
    List<ReadState> alice = new CopyOnWriteArrayList<>();
    other.subscribe("bob", seen::add);
    other.subscribe("alice", alice::add);
    node.markRead(room, "bob", two);
    await().until(() -> seen.size() == 1);
    assertThat(seen).containsExactly(new ReadState(room, "bob", two, 1));
    long four = fx.say(room, "alice", "four").seq();
    node.markRead(room, "bob", four);
    await().until(() -> seen.size() == 3);
    assertThat(seen.subList(1, 3))
        .containsExactly(new ReadState(room, "bob", two, 2), new ReadState(room, "bob", four, 0));
    other.awaitIdle();
    assertThat(alice).isEmpty();
  }

  @Test
  void aMarkStoredBeforeFollowingBeganIsStillAnnounced() {
    long one = fx.say(room, "alice", "one").seq();
    fx.say(room, "alice", "two");
    fx.repository.advance(room, "bob", one);
    List<ReadState> seen = new CopyOnWriteArrayList<>();
    node.subscribe("bob", seen::add);
    fx.signals.publish(Signal.of(Signal.Kind.READ, "elsewhere", room, "bob", one));
    await().until(() -> seen.size() == 1);
    assertThat(seen).containsExactly(new ReadState(room, "bob", one, 1));
  }

  @Test
  void aReadOfARoomTheUserIsNotInIsIgnored() {
    long other = fx.chat.createRoom("other", "alice").id();
    List<ReadState> seen = new CopyOnWriteArrayList<>();
    node.subscribe("bob", seen::add);
    fx.signals.publish(Signal.of(Signal.Kind.READ, "elsewhere", other, "bob", 1));
    fx.signals.publish(Signal.of(Signal.Kind.READ, "elsewhere", 9999, "bob", 1));
    fx.signals.publish(Signal.of(Signal.Kind.READ, "elsewhere", room, "bob", 2));
    await().until(() -> !seen.isEmpty());
    node.awaitIdle();
    assertThat(seen).containsExactly(new ReadState(room, "bob", 2, 0));
    assertThat(node.tracker().tappedRooms()).containsExactly(room);
  }

  @Test
  void joiningAndLeavingFollowsTheRoom() {
    long other = fx.chat.createRoom("other", "alice").id();
    ReadStateService local = (ReadStateService) fx.chat.readStates();
    List<ReadState> seen = new CopyOnWriteArrayList<>();
    List<ReadState> remote = new CopyOnWriteArrayList<>();
    local.subscribe("bob", seen::add);
    node.subscribe("bob", remote::add);
    fx.say(other, "alice", "before bob");
    fx.chat.join(other, "bob");
    long join = fx.latest(other);
    local.awaitIdle();
    node.awaitIdle();
    fx.say(other, "alice", "after");
    local.awaitIdle();
    node.awaitIdle();
    assertThat(seen)
        .containsExactly(
            new ReadState(other, "bob", join, 0), new ReadState(other, "bob", join, 1));
    assertThat(remote)
        .containsExactly(
            new ReadState(other, "bob", join, 0), new ReadState(other, "bob", join, 1));
    assertThat(node.tracker().tappedRooms()).containsExactlyInAnyOrder(room, other);
    fx.chat.leave(other, "bob");
    fx.say(other, "alice", "gone");
    node.awaitIdle();
    local.awaitIdle();
    assertThat(seen).hasSize(2);
    assertThat(node.tracker().tappedRooms()).containsExactly(room);
  }

  @Test
  void tapsAreSharedAndClosedWithTheLastSubscriber() {
    List<ReadState> bob = new CopyOnWriteArrayList<>();
    List<ReadState> bob2 = new CopyOnWriteArrayList<>();
    List<ReadState> alice = new CopyOnWriteArrayList<>();
    fx.chat.join(room, "carol");
    Subscription b1 = node.subscribe("bob", bob::add);
    Subscription b2 = node.subscribe("bob", bob2::add);
    Subscription a = node.subscribe("alice", alice::add);
    assertThat(node.tracker().tappedRooms()).containsExactly(room);
    fx.say(room, "carol", "x");
    node.awaitIdle();
    assertThat(bob).containsExactly(new ReadState(room, "bob", 2, 1));
    assertThat(bob2).containsExactly(new ReadState(room, "bob", 2, 1));
    assertThat(alice).containsExactly(new ReadState(room, "alice", 1, 1));
    b1.close();
    b1.close();
    a.close();
    node.awaitIdle();
    assertThat(node.tracker().follows("alice")).isFalse();
    assertThat(node.tracker().follows("bob")).isTrue();
    assertThat(node.tracker().tappedRooms()).containsExactly(room);
    fx.say(room, "alice", "y");
    b2.close();
    node.awaitIdle();
    assertThat(node.tracker().follows("bob")).isFalse();
    assertThat(node.tracker().tappedRooms()).isEmpty();
    fx.say(room, "alice", "z");
    node.awaitIdle();
    assertThat(bob).hasSize(1);
    assertThat(bob2)
        .containsExactly(new ReadState(room, "bob", 2, 1), new ReadState(room, "bob", 2, 2));
    assertThat(alice).hasSize(1);
  }

  @Test
  void aFailingListenerDoesNotStopTheOthers() {
    List<ReadState> seen = new CopyOnWriteArrayList<>();
    node.subscribe(
        "bob",
        s -> {
          throw new IllegalStateException("boom");
        });
    node.subscribe("bob", seen::add);
    fx.say(room, "alice", "one");
    fx.say(room, "alice", "two");
    node.awaitIdle();
    assertThat(seen).extracting(ReadState::unreadCount).containsExactly(1L, 2L);
  }

  @Test
  void subscribingAfterCloseFails() {
    node.close();
    node.close();
    assertThatThrownBy(() -> node.subscribe("bob", s -> {}))
        .isInstanceOf(io.chatstack.core.ChatUnavailableException.class);
    assertThat(node.receiptsEnabled()).isTrue();
  }
}
