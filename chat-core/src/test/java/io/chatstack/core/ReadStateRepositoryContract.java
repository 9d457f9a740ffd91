package io.chatstack.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Compatibility kit for {@link ReadStateRepository}: every implementation passes it with a tiny
 * subclass overriding {@link #repository()}. Each test uses user names of its own, so a shared
 * database (kept between runs) is fine.
 */
public abstract class ReadStateRepositoryContract {
  private static final AtomicLong NAMES = new AtomicLong(System.nanoTime());

  /** The repository under test; may be shared across tests. */
  protected abstract ReadStateRepository repository();

  /** A user name no other test (or earlier run) used. */
  protected static String newUser() {
    return "reader-" + Long.toString(NAMES.incrementAndGet(), 36);
  }

  @Test
  void unknownPositionIsNothingRead() {
    String user = newUser();
    assertThat(repository().find(7, user)).isEqualTo(ReadState.NOTHING_READ);
    assertThat(repository().findAll(user)).isEmpty();
  }

  @Test
  void advanceStoresAndReturnsTheNewPosition() {
    String user = newUser();
    assertThat(repository().advance(7, user, 5)).isEqualTo(5);
    assertThat(repository().find(7, user)).isEqualTo(5);
    assertThat(repository().advance(7, user, 9)).isEqualTo(9);
    assertThat(repository().find(7, user)).isEqualTo(9);
  }

  @Test
  void advanceNeverMovesBack() {
    String user = newUser();
    repository().advance(3, user, 40);
    assertThat(repository().advance(3, user, 12)).isEqualTo(40);
    assertThat(repository().advance(3, user, 40)).isEqualTo(40);
    assertThat(repository().advance(3, user, ReadState.NOTHING_READ)).isEqualTo(40);
    assertThat(repository().find(3, user)).isEqualTo(40);
  }

  @Test
  void zeroIsAPositionAboveNothingRead() {
    String user = newUser();
    assertThat(repository().advance(4, user, 0)).isZero();
    assertThat(repository().find(4, user)).isZero();
  }

  @Test
  void positionsAreKeptPerRoomAndPerUser() {
    String alice = newUser();
    String bob = newUser();
    repository().advance(1, alice, 10);
    repository().advance(2, alice, 20);
    repository().advance(1, bob, 30);
    assertThat(repository().find(1, alice)).isEqualTo(10);
    assertThat(repository().find(2, alice)).isEqualTo(20);
    assertThat(repository().find(1, bob)).isEqualTo(30);
    assertThat(repository().find(2, bob)).isEqualTo(ReadState.NOTHING_READ);
  }

  @Test
  void userNamesAreCaseSensitive() {
    String user = newUser();
    String upper = user.toUpperCase(java.util.Locale.ROOT);
    repository().advance(5, user, 8);
    assertThat(repository().find(5, upper)).isEqualTo(ReadState.NOTHING_READ);
    assertThat(repository().findAll(upper)).isEmpty();
  }

  @Test
  void findAllListsEveryRoomOfTheUserByRoomId() {
    String user = newUser();
    repository().advance(30, user, 3);
    repository().advance(10, user, 1);
    repository().advance(20, user, 2);
    repository().advance(10, newUser(), 99);
    Map<Long, Long> all = repository().findAll(user);
    assertThat(all).containsExactly(Map.entry(10L, 1L), Map.entry(20L, 2L), Map.entry(30L, 3L));
  }

  @Test
  void concurrentAdvancesEndAtTheHighest() throws Exception {
    String user = newUser();
    int threads = 8;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Long>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  long lowest = Long.MAX_VALUE;
                  for (int i = 0; i < perThread; i++) {
                    long seq = (long) i * threads + first;
                    long stored = repository().advance(9, user, seq);
                    assertThat(stored).isGreaterThanOrEqualTo(seq);
                    lowest = Math.min(lowest, stored);
                  }
                  return lowest;
                }));
      }
      start.countDown();
      for (Future<Long> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(0);
      }
    } finally {
      pool.shutdownNow();
    }
    long highest = (long) (perThread - 1) * threads + threads - 1;
    assertThat(repository().find(9, user)).isEqualTo(highest);
    assertThat(repository().findAll(user)).containsExactly(Map.entry(9L, highest));
  }
}
