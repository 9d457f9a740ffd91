package io.chatstack.core.internal;

import io.chatstack.core.Room;
import io.chatstack.core.RoomEvent;
import io.chatstack.core.RoomNotFoundException;
import io.chatstack.core.SignalBus;
import io.chatstack.core.SignalSettings;
import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryMessageStore;
import io.chatstack.memory.InMemoryReadStateRepository;
import io.chatstack.memory.InMemoryRoomRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** One node's signal context for unit tests: controllable clock, manual timers, memory ports. */
final class SignalFixture {
  static final SignalSettings SETTINGS =
      SignalSettings.DEFAULTS
          .withPresenceGrace(Duration.ofSeconds(5))
          .withPresenceLease(Duration.ofSeconds(15))
          .withTypingThrottle(Duration.ofSeconds(3))
          .withTypingTimeout(Duration.ofSeconds(6));

  final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
  final ManualScheduler scheduler = new ManualScheduler();
  final InMemoryRoomRepository rooms = new InMemoryRoomRepository();
  final InMemoryMessageBus bus = new InMemoryMessageBus(new InMemoryMessageStore());
  final CountingBus countingBus = new CountingBus(bus);

  /** Rooms the "cache" answers with instead of the repository (to simulate a stale cache). */
  final Map<Long, Room> stale = new HashMap<>();

  int freshReads;

  SignalContext context(String node, SignalBus signals) {
    return context(node, signals, SETTINGS);
  }

  SignalContext context(String node, SignalBus signals, SignalSettings settings) {
    return new SignalContext(
        node,
        signals,
        new InMemoryReadStateRepository(),
        countingBus,
        rooms,
        id -> stale.containsKey(id) ? stale.get(id) : room(id),
        id -> {
          freshReads++;
          return room(id);
        },
        clock,
        settings,
        scheduler);
  }

  Room room(long id) {
    return rooms.findById(id).orElseThrow(() -> new RoomNotFoundException(id));
  }

  /** A room with these participants (the first creates it). */
  Room room(String... participants) {
    Room room = rooms.create("room", participants[0], clock.instant());
    for (String p : participants) {
      rooms.addParticipant(room.id(), p);
    }
    return room(room.id());
  }

  void join(long roomId, String user) {
    rooms.addParticipant(roomId, user);
    bus.publishRoomEvent(new RoomEvent(RoomEvent.Kind.JOINED, room(roomId).summary(), user));
  }

  void leave(long roomId, String user) {
    rooms.removeParticipant(roomId, user);
    bus.publishRoomEvent(new RoomEvent(RoomEvent.Kind.LEFT, room(roomId).summary(), user));
  }

  void close() {
    scheduler.shutdownNow();
  }
}
