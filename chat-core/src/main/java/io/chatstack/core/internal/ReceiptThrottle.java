package io.chatstack.core.internal;

import io.chatstack.core.ReadReceipt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * At most one read receipt per user and room per interval; the latest (highest seq) wins, and a
 * held one is released by {@link #due} once the interval since the last one passed. Pure logic on
 * the instants it is given. Thread-safe (synchronized).
 */
final class ReceiptThrottle {
  private final Duration interval;
  private final Map<Key, Slot> slots = new HashMap<>();

  ReceiptThrottle(Duration interval) {
    this.interval = interval;
  }

  /** The receipt to send now, or null when it is held (or older than one already sent). */
  synchronized ReadReceipt offer(ReadReceipt receipt, Instant now) {
    Key key = new Key(receipt.roomId(), receipt.user());
    Slot slot = slots.get(key);
    if (slot == null) {
      slots.put(key, new Slot(now, receipt.seq()));
      return receipt;
    }
    if (receipt.seq() <= slot.sentSeq
        || slot.pending != null && receipt.seq() <= slot.pending.seq()) {
      return null;
    }
    if (isDue(slot, now)) {
      slot.send(now, receipt.seq());
      return receipt;
    }
    slot.pending = receipt;
    return null;
  }

  /** Held receipts whose interval has passed, now released; forgets quiet users. */
  synchronized List<ReadReceipt> due(Instant now) {
    List<ReadReceipt> out = new ArrayList<>();
    for (Iterator<Slot> it = slots.values().iterator(); it.hasNext(); ) {
      Slot slot = it.next();
      if (!isDue(slot, now)) {
        continue;
      }
      if (slot.pending == null) {
        it.remove();
      } else {
        out.add(slot.pending);
        slot.send(now, slot.pending.seq());
      }
    }
    return out;
  }

  /** How many users and rooms are remembered (for tests). */
  synchronized int size() {
    return slots.size();
  }

  private boolean isDue(Slot slot, Instant now) {
    return !now.isBefore(slot.sentAt.plus(interval));
  }

  private record Key(long roomId, String user) {}

  private static final class Slot {
    Instant sentAt;
    long sentSeq;
    ReadReceipt pending;

    Slot(Instant sentAt, long sentSeq) {
      this.sentAt = sentAt;
      this.sentSeq = sentSeq;
    }

    void send(Instant at, long seq) {
      sentAt = at;
      sentSeq = seq;
      pending = null;
    }
  }
}
