package io.chatstack.client.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Decides which {@code typing} calls go to the server: a {@code true} at most once per interval per
 * room, whatever came in between (the user typing calls it at every keystroke; the server ends the
 * indicator by itself after its timeout unless refreshed), and a {@code false} only after a {@code
 * true} was sent and not yet followed by a {@code false} (stopping what never started says
 * nothing). Thread-safe.
 */
final class TypingGate {
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final Map<Long, Room> rooms = new HashMap<>();

  private static final class Room {
    long lastTrue;
    boolean typing;
  }

  TypingGate(Duration interval, LongSupplier nanoClock) {
    this.intervalNanos = interval.toNanos();
    this.nanoClock = nanoClock;
  }

  /** Whether to send {@code typing} for the room now; if so, it counts as sent. */
  synchronized boolean pass(long roomId, boolean typing) {
    Room room = rooms.get(roomId);
    if (!typing) {
      if (room == null || !room.typing) {
        return false;
      }
      room.typing = false;
      return true;
    }
    long now = nanoClock.getAsLong();
    if (room == null) {
      room = new Room();
      rooms.put(roomId, room);
    } else if (now - room.lastTrue < intervalNanos) {
      return false;
    }
    room.lastTrue = now;
    room.typing = true;
    return true;
  }
}
