package io.chatstack.kafka.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Actions waiting until the fan-out has processed a given offset of a partition. Thread-safe: the
 * fan-out thread advances positions, producer callbacks add waiters.
 */
final class OffsetWaiters {
  private final long[] processed;
  private final List<TreeMap<Long, List<Runnable>>> waiting = new ArrayList<>();
  private boolean closed;

  OffsetWaiters(Map<Integer, Long> startPositions, int partitions) {
    processed = new long[partitions];
    for (int p = 0; p < partitions; p++) {
      processed[p] = startPositions.getOrDefault(p, 0L);
      waiting.add(new TreeMap<>());
    }
  }

  /**
   * Runs {@code action} (on the fan-out thread, or now) once {@code offset} of the partition was
   * processed.
   */
  void whenProcessed(int partition, long offset, Runnable action) {
    synchronized (this) {
      if (!closed && processed[partition] <= offset) {
        waiting.get(partition).computeIfAbsent(offset, o -> new ArrayList<>()).add(action);
        return;
      }
    }
    action.run();
  }

  /** The partition's next offset to process: every offset below it was processed. */
  synchronized long processed(int partition) {
    return processed[partition];
  }

  /** Everything before {@code nextOffset} of the partition was processed; runs the due actions. */
  void advance(int partition, long nextOffset) {
    List<Runnable> due = new ArrayList<>();
    synchronized (this) {
      if (nextOffset <= processed[partition]) {
        return;
      }
      processed[partition] = nextOffset;
      Map<Long, List<Runnable>> done = waiting.get(partition).headMap(nextOffset, false);
      done.values().forEach(due::addAll);
      done.clear();
    }
    due.forEach(Runnable::run);
  }

  /** Runs every waiting action now; later ones run immediately. */
  void close() {
    List<Runnable> due = new ArrayList<>();
    synchronized (this) {
      closed = true;
      waiting.forEach(
          m -> {
            m.values().forEach(due::addAll);
            m.clear();
          });
    }
    due.forEach(Runnable::run);
  }
}
