package io.chatstack.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.InvalidUsernameException;
import io.chatstack.core.PresenceEvent;
import io.chatstack.core.PresenceEvent.Type;
import io.chatstack.core.PresenceSnapshot;
import io.chatstack.core.Room;
import io.chatstack.core.RoomEvent;
import io.chatstack.core.RoomNotFoundException;
import io.chatstack.core.Signal;
import io.chatstack.core.Signal.Kind;
import io.chatstack.core.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PresenceServiceTest {
  private final SignalFixture fixture = new SignalFixture();
  private final DirectSignalBus signals = new DirectSignalBus();
  private final List<PresenceEvent> events = new CopyOnWriteArrayList<>();
  private PresenceService presence;
  private Room room;

  @BeforeEach
  void start() {
    presence = new PresenceService(fixture.context("n1", signals));
    room = fixture.room("alice", "bob", "carol");
  }

  @AfterEach
  void stop() {
    presence.close();
    fixture.close();
  }

  private void advance(double seconds) {
    fixture.clock.advance(Duration.ofMillis((long) (seconds * 1000)));
    presence.tick();
  }

  private void fromOtherNode(Kind kind, String user) {
    signals.deliver(Signal.of(kind, "n2", 0, user, 0));
  }

  private static PresenceEvent event(Type type, long roomId, String user, int count) {
    return new PresenceEvent(type, roomId, user, List.of(), count);
  }

  private PresenceEvent snapshotEvent(int count, String... names) {
    return new PresenceEvent(Type.SNAPSHOT, room.id(), "", List.of(names), count);
  }

  @Test
  void threeTabsCountOnceAndGoOfflineOnlyAfterTheGraceOfTheLast() {
    presence.subscribe(room.id(), events::add);
    Subscription tab1 = presence.connected("alice");
    Subscription tab2 = presence.connected("alice");
    Subscription tab3 = presence.connected("alice");
    assertThat(signals.published(Kind.ONLINE))
        .containsExactly(Signal.of(Kind.ONLINE, "n1", 0, "alice", 0));
    tab1.close();
    tab2.close();
    advance(60);
    assertThat(presence.snapshot(room.id()))
        .isEqualTo(new PresenceSnapshot(room.id(), List.of("alice"), 1));
    tab3.close();
    advance(4.9);
    assertThat(presence.snapshot(room.id()).count()).isEqualTo(1);
    advance(0.1);
    assertThat(signals.published(Kind.OFFLINE))
        .containsExactly(Signal.of(Kind.OFFLINE, "n1", 0, "alice", 0));
    assertThat(presence.snapshot(room.id()))
        .isEqualTo(new PresenceSnapshot(room.id(), List.of(), 0));
    assertThat(events)
        .containsExactly(
            snapshotEvent(0),
            event(Type.ONLINE, room.id(), "alice", 1),
            event(Type.OFFLINE, room.id(), "alice", 0));
  }

  @Test
  void reconnectWithinTheGraceIsSilent() {
    presence.connected("alice").close();
    presence.subscribe(room.id(), events::add);
    advance(4);
    Subscription again = presence.connected("alice");
    advance(30);
    assertThat(events).containsExactly(snapshotEvent(1, "alice"));
    assertThat(signals.published(Kind.ONLINE)).hasSize(1);
    assertThat(signals.published(Kind.OFFLINE)).isEmpty();
    again.close();
    advance(5);
    assertThat(events).last().isEqualTo(event(Type.OFFLINE, room.id(), "alice", 0));
  }

  @Test
  void closingAHandleTwiceCountsOnce() {
    Subscription tab1 = presence.connected("alice");
    presence.connected("alice");
    tab1.close();
    tab1.close();
    advance(10);
    assertThat(presence.snapshot(room.id()).online()).containsExactly("alice");
  }

  @Test
  void withoutGraceTheLastCloseIsOfflineAtOnce() {
    presence.close();
    presence =
        new PresenceService(
            fixture.context(
                "n1", signals, SignalFixture.SETTINGS.withPresenceGrace(Duration.ZERO)));
    presence.subscribe(room.id(), events::add);
    presence.connected("bob").close();
    assertThat(events)
        .containsExactly(
            snapshotEvent(0),
            event(Type.ONLINE, room.id(), "bob", 1),
            event(Type.OFFLINE, room.id(), "bob", 0));
  }

  @Test
  void usersOfAnotherNodeExpireWhenTheirLeaseIsNotRenewed() {
    presence.subscribe(room.id(), events::add);
    fromOtherNode(Kind.ONLINE, "bob");
    advance(14.9);
    assertThat(presence.snapshot(room.id()).online()).containsExactly("bob");
    advance(0.1);
    assertThat(presence.snapshot(room.id()).count()).isZero();
    assertThat(events)
        .containsExactly(
            snapshotEvent(0),
            event(Type.ONLINE, room.id(), "bob", 1),
            event(Type.OFFLINE, room.id(), "bob", 0));
  }

  @Test
  void entriesRenewedAtDifferentTimesEachExpireAtTheirOwnLease() {
    // The timer sweeps the other nodes' users only when the oldest renewal is due: each sweep
    // must note the oldest of the entries it keeps, and an entry that arrives after the table
    // emptied (the clock moved on, no tick yet) expires on time too.
    fromOtherNode(Kind.ONLINE, "bob");
    advance(5);
    fromOtherNode(Kind.ONLINE, "carol");
    advance(5);
    fromOtherNode(Kind.ONLINE, "alice");
    advance(4.9);
    assertThat(presence.snapshot(room.id()).online()).containsExactly("alice", "bob", "carol");
    advance(0.1); // 15: bob's lease is over; carol (5) and alice (10) stay
    assertThat(presence.snapshot(room.id()).online()).containsExactly("alice", "carol");
    advance(4.9);
    assertThat(presence.snapshot(room.id()).online()).containsExactly("alice", "carol");
    advance(0.1); // 20: carol's, the oldest the last sweep kept
    assertThat(presence.snapshot(room.id()).online()).containsExactly("alice");
    advance(5); // 25: alice's
    assertThat(presence.snapshot(room.id()).online()).isEmpty();
    fixture.clock.advance(Duration.ofSeconds(20));
    signals.deliver(Signal.of(Kind.ONLINE, "n3", 0, "bob", 0)); // at 45, before any tick
    advance(14.9);
    assertThat(presence.snapshot(room.id()).online()).containsExactly("bob");
    advance(0.1);
    assertThat(presence.snapshot(room.id()).online()).isEmpty();
  }

  @Test
  void aGraceEndsOnTimeAndASecondCloseRestartsIt() {
    presence.connected("alice").close();
    advance(2);
    Subscription bob = presence.connected("bob");
    Subscription again = presence.connected("alice");
    advance(1);
    again.close(); // alice's grace restarts: until 8, not 5
    bob.close(); // until 8 too
    advance(2); // 5: the end of alice's first grace
    assertThat(signals.published(Kind.OFFLINE)).isEmpty();
    advance(2.9);
    assertThat(signals.published(Kind.OFFLINE)).isEmpty();
    advance(0.1);
    assertThat(signals.published(Kind.OFFLINE))
        .containsExactlyInAnyOrder(
            Signal.of(Kind.OFFLINE, "n1", 0, "alice", 0),
            Signal.of(Kind.OFFLINE, "n1", 0, "bob", 0));
  }

  @Test
  void aLeaseRenewsAndRebuildsTheOtherNodesUsers() {
    fromOtherNode(Kind.ONLINE, "bob");
    advance(10);
    signals.deliver(new Signal(Kind.LEASE, "n2", 0, "", 0, List.of("bob", "carol")));
    advance(10);
    assertThat(presence.snapshot(room.id()).online()).containsExactly("bob", "carol");
    advance(4.9);
    assertThat(presence.snapshot(room.id()).online()).containsExactly("bob", "carol");
    advance(0.1);
    assertThat(presence.snapshot(room.id()).online()).isEmpty();
  }

  @Test
  void offlineAndNodeLeftRemoveOnlyThatNode() {
    presence.subscribe(room.id(), events::add);
    fromOtherNode(Kind.ONLINE, "bob");
    signals.deliver(Signal.of(Kind.ONLINE, "n3", 0, "bob", 0));
    fromOtherNode(Kind.ONLINE, "carol");
    fromOtherNode(Kind.OFFLINE, "bob");
    assertThat(presence.snapshot(room.id()).online()).containsExactly("bob", "carol");
    fromOtherNode(Kind.NODE_LEFT, "");
    assertThat(presence.snapshot(room.id()).online()).containsExactly("bob");
    signals.deliver(Signal.of(Kind.OFFLINE, "n3", 0, "bob", 0));
    fromOtherNode(Kind.OFFLINE, "nobody");
    assertThat(events)
        .containsExactly(
            snapshotEvent(0),
            event(Type.ONLINE, room.id(), "bob", 1),
            event(Type.ONLINE, room.id(), "carol", 2),
            event(Type.OFFLINE, room.id(), "carol", 1),
            event(Type.OFFLINE, room.id(), "bob", 0));
  }

  @Test
  void thisNodesUsersNeverExpireByLeaseAndItsEchoesAreIgnored() {
    presence.connected("alice");
    fromOtherNode(Kind.ONLINE, "bob"); // so that the timer sweeps the table
    advance(3600);
    signals.deliver(Signal.of(Kind.OFFLINE, "n1", 0, "alice", 0));
    signals.deliver(Signal.of(Kind.NODE_LEFT, "n1", 0, "", 0));
    signals.deliver(Signal.of(Kind.TYPING, "n2", room.id(), "bob", 1));
    signals.deliver(Signal.of(Kind.READ, "n2", room.id(), "bob", 7));
    assertThat(presence.snapshot(room.id()).online()).containsExactly("alice");
  }

  @Test
  void leasesNameTheLocalUsersIncludingThoseInGraceInChunks() {
    presence.tick();
    assertThat(signals.published(Kind.LEASE))
        .containsExactly(new Signal(Kind.LEASE, "n1", 0, "", 0, List.of()));
    presence.connected("bob");
    advance(2);
    presence.connected("alice").close();
    advance(2.9);
    assertThat(signals.published(Kind.LEASE)).hasSize(1);
    advance(0.1);
    assertThat(signals.published(Kind.LEASE))
        .last()
        .isEqualTo(new Signal(Kind.LEASE, "n1", 0, "", 0, List.of("alice", "bob")));
    List<String> many = IntStream.range(0, 2500).mapToObj(i -> String.format("u%04d", i)).toList();
    many.forEach(presence::connected);
    signals.published.clear();
    advance(5);
    List<Signal> leases = signals.published(Kind.LEASE);
    assertThat(leases).extracting(s -> s.users().size()).containsExactly(1000, 1000, 501);
    assertThat(leases.get(0).users().get(0)).isEqualTo("bob");
    assertThat(leases.get(1).users().get(0)).isEqualTo("u0999");
    List<String> all = new ArrayList<>();
    leases.forEach(s -> all.addAll(s.users()));
    assertThat(all).hasSize(2501).doesNotHaveDuplicates().contains("u2499");
  }

  @Test
  void theTimerTicksEveryTenthOfASecond() {
    assertThat(fixture.scheduler.delaysMillis).containsExactly(100L);
    fixture.scheduler.runPeriodic();
    assertThat(signals.published(Kind.LEASE)).hasSize(1);
  }

  @Test
  void snapshotsListAtMost500SortedNamesWithAnExactCount() {
    List<String> users = IntStream.range(0, 600).mapToObj(i -> String.format("p%03d", i)).toList();
    Room big = fixture.room(users.toArray(String[]::new));
    users.forEach(u -> fromOtherNode(Kind.ONLINE, u));
    PresenceSnapshot snapshot = presence.snapshot(big.id());
    assertThat(snapshot.count()).isEqualTo(600);
    assertThat(snapshot.online()).hasSize(500).isSorted().startsWith("p000").endsWith("p499");
    presence.subscribe(big.id(), events::add);
    assertThat(events).containsExactly(PresenceEvent.snapshot(snapshot));
    assertThat(presence.snapshot(big.id())).isEqualTo(snapshot);
    fromOtherNode(Kind.OFFLINE, "p000");
    assertThat(events).last().isEqualTo(event(Type.OFFLINE, big.id(), "p000", 599));
  }

  @Test
  void joiningAndLeavingWhileOnlineAreComingAndGoing() {
    fromOtherNode(Kind.ONLINE, "dave");
    fromOtherNode(Kind.ONLINE, "alice");
    presence.subscribe(room.id(), events::add);
    fixture.join(room.id(), "dave");
    fixture.join(room.id(), "dave");
    fixture.join(room.id(), "erin");
    fixture.leave(room.id(), "alice");
    fixture.leave(room.id(), "bob");
    fromOtherNode(Kind.ONLINE, "alice");
    fromOtherNode(Kind.ONLINE, "erin");
    fromOtherNode(Kind.ONLINE, "zoe");
    fixture.bus.publishRoomEvent(new RoomEvent(RoomEvent.Kind.CREATED, room.summary(), "zoe"));
    fixture.join(fixture.room("zed").id(), "dave");
    assertThat(events)
        .containsExactly(
            snapshotEvent(1, "alice"),
            event(Type.ONLINE, room.id(), "dave", 2),
            event(Type.OFFLINE, room.id(), "alice", 1),
            event(Type.ONLINE, room.id(), "erin", 2));
    assertThat(presence.snapshot(room.id()).online()).containsExactly("dave", "erin");
  }

  @Test
  void snapshotsWithoutWatchersReadTheRoom() {
    fromOtherNode(Kind.ONLINE, "carol");
    fromOtherNode(Kind.ONLINE, "zoe");
    presence.connected("alice");
    assertThat(presence.snapshot(room.id()))
        .isEqualTo(new PresenceSnapshot(room.id(), List.of("alice", "carol"), 2));
    assertThatThrownBy(() -> presence.snapshot(9999)).isInstanceOf(RoomNotFoundException.class);
    assertThatThrownBy(() -> presence.subscribe(9999, e -> {}))
        .isInstanceOf(RoomNotFoundException.class);
  }

  @Test
  void closedSubscriptionsHearNothingAndTheLastOneDropsTheWatch() {
    Subscription first = presence.subscribe(room.id(), events::add);
    List<PresenceEvent> second = new ArrayList<>();
    Subscription secondSub = presence.subscribe(room.id(), second::add);
    first.close();
    fromOtherNode(Kind.ONLINE, "alice");
    assertThat(events).containsExactly(snapshotEvent(0));
    assertThat(second).containsExactly(snapshotEvent(0), event(Type.ONLINE, room.id(), "alice", 1));
    secondSub.close();
    secondSub.close();
    // without a watch, a membership change is not followed: the next watch reads the room again
    fixture.rooms.removeParticipant(room.id(), "alice");
    fixture.bus.publishRoomEvent(
        new RoomEvent(RoomEvent.Kind.LEFT, fixture.room(room.id()).summary(), "alice"));
    fixture.rooms.addParticipant(room.id(), "alice");
    assertThat(presence.snapshot(room.id()).online()).containsExactly("alice");
    assertThat(second).hasSize(2);
  }

  @Test
  void aFailingListenerDoesNotStopTheOthers() {
    presence.subscribe(
        room.id(),
        e -> {
          throw new IllegalStateException("boom");
        });
    presence.subscribe(room.id(), events::add);
    List<String> offline = new ArrayList<>();
    presence.onOffline(
        u -> {
          throw new IllegalStateException("boom");
        });
    Subscription offlineSub = presence.onOffline(offline::add);
    fromOtherNode(Kind.ONLINE, "bob");
    fromOtherNode(Kind.OFFLINE, "bob");
    assertThat(events).hasSize(3);
    assertThat(offline).containsExactly("bob");
    offlineSub.close();
    fromOtherNode(Kind.ONLINE, "bob");
    fromOtherNode(Kind.OFFLINE, "bob");
    assertThat(offline).containsExactly("bob");
  }

  @Test
  void closeAnnouncesNodeLeftAndStops() {
    presence.subscribe(room.id(), events::add);
    fromOtherNode(Kind.ONLINE, "dave");
    presence.connected("alice");
    presence.close();
    assertThat(signals.listenerCount()).isZero();
    fixture.join(room.id(), "dave");
    assertThat(events).containsExactly(snapshotEvent(0), event(Type.ONLINE, room.id(), "alice", 1));
    presence.close();
    assertThat(signals.published(Kind.NODE_LEFT))
        .containsExactly(Signal.of(Kind.NODE_LEFT, "n1", 0, "", 0));
    int published = signals.published.size();
    presence.tick();
    fromOtherNode(Kind.ONLINE, "bob");
    assertThat(signals.published).hasSize(published);
    assertThat(presence.snapshot(room.id()).online()).containsExactly("alice");
    assertThat(fixture.scheduler.getQueue())
        .allMatch(t -> ((java.util.concurrent.Future<?>) t).isCancelled());
  }

  @Test
  void eventsAreDeliveredBeforeTheCallThatCausedThemReturns() {
    fromOtherNode(Kind.ONLINE, "dave");
    presence.subscribe(room.id(), events::add);
    assertThat(events).hasSize(1);
    presence.connected("alice");
    assertThat(events).hasSize(2);
    fixture.join(room.id(), "dave");
    assertThat(events).hasSize(3);
    fixture.leave(room.id(), "dave");
    assertThat(events).hasSize(4);
  }

  @Test
  void exactlyOneChunkNamesExactly1000Users() {
    IntStream.range(0, 1000).mapToObj(i -> "u" + i).forEach(presence::connected);
    presence.tick();
    assertThat(signals.published(Kind.LEASE)).hasSize(1).allMatch(s -> s.users().size() == 1000);
  }

  @Test
  void invalidNamesAreRefused() {
    assertThatThrownBy(() -> presence.connected("not valid"))
        .isInstanceOf(InvalidUsernameException.class);
  }
}
