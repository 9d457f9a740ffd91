package io.chatstack.client.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** Sends not yet answered, in the order they were made. Thread-safe. */
final class PendingSends {
  private final ConcurrentSkipListMap<Long, PendingSend> byNumber = new ConcurrentSkipListMap<>();

  void add(PendingSend send) {
    byNumber.put(send.number(), send);
  }

  /** Removes and returns the send {@code number}, or null when it was answered already. */
  PendingSend remove(long number) {
    return byNumber.remove(number);
  }

  /** A live view in send order, for re-sending after a reconnect. */
  Collection<PendingSend> inOrder() {
    return byNumber.values();
  }

  /** Removes and returns all of them, in send order. */
  List<PendingSend> drain() {
    // One at a time: a send added meanwhile is either drained here or still found by its adder.
    List<PendingSend> all = new ArrayList<>();
    for (Map.Entry<Long, PendingSend> e = byNumber.pollFirstEntry();
        e != null;
        e = byNumber.pollFirstEntry()) {
      all.add(e.getValue());
    }
    return all;
  }
}
