package io.chatstack.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.Room;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

class RoomCacheTest {
  private final AtomicInteger loads = new AtomicInteger();

  private Room load(long id) {
    loads.incrementAndGet();
    return new Room(id, "r" + id, "alice", Instant.EPOCH, Set.of("alice"));
  }

  @Test
  void aCachedRoomIsServedWithoutLoadingAgainUntilInvalidated() {
    RoomCache cache = new RoomCache(10, Duration.ofMinutes(1));
    Room first = cache.get(1, this::load);
    assertThat(cache.get(1, this::load)).isSameAs(first);
    assertThat(loads).hasValue(1);
    cache.invalidate(1);
    assertThat(cache.get(1, this::load)).isNotSameAs(first);
    assertThat(loads).hasValue(2);
  }

  @Test
  void aLoadThatRacedAnInvalidationIsNotKept() {
    RoomCache cache = new RoomCache(10, Duration.ofMinutes(1));
    cache.get(
        1,
        id -> {
          cache.invalidate(1); // a room event arrives while the repository is being read
          return load(id);
        });
    cache.get(1, this::load);
    assertThat(loads).hasValue(2);
  }

  @Test
  void aReloadReadsAfreshAndKeepsWhatItRead() {
    RoomCache cache = new RoomCache(10, Duration.ofMinutes(1));
    Room cached = cache.get(1, this::load);
    Room fresh = cache.reload(1, this::load);
    assertThat(fresh).isNotSameAs(cached);
    assertThat(cache.get(1, this::load)).isSameAs(fresh);
    assertThat(loads).hasValue(2);
  }

  @Test
  void aReloadThatRacedAnInvalidationIsReturnedButNotKept() {
    RoomCache cache = new RoomCache(10, Duration.ofMinutes(1));
    cache.get(1, this::load);
    Room fresh =
        cache.reload(
            1,
            id -> {
              cache.invalidate(1);
              return load(id);
            });
    assertThat(cache.get(1, this::load)).isNotSameAs(fresh);
    assertThat(loads).hasValue(3);
  }

  @Test
  void aReloadWithCachingOffOnlyLoads() {
    RoomCache cache = new RoomCache(10, Duration.ZERO);
    cache.reload(1, this::load);
    cache.get(1, this::load);
    assertThat(loads).hasValue(2);
    assertThat(cache.size()).isZero();
  }

  @Test
  void anErrorOfTheLoadReachesItsWaitersAsItself() throws Exception {
    RoomCache cache = new RoomCache(10, Duration.ofMinutes(1));
    BlockedLoad blocked =
        new BlockedLoad(
            cache,
            id -> {
              throw new AssertionError("broken loader");
            });
    assertThat(waiterFailure(cache, blocked))
        .isExactlyInstanceOf(AssertionError.class)
        .hasMessage("broken loader");
  }

  /** A load that blocks until released, on its own thread, and a second caller that misses. */
  private final class BlockedLoad {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final CompletableFuture<Room> first;

    BlockedLoad(RoomCache cache, LongFunction<Room> then) {
      first =
          CompletableFuture.supplyAsync(
              () ->
                  cache.get(
                      1,
                      id -> {
                        entered.countDown();
                        try {
                          release.await();
                        } catch (InterruptedException e) {
                          throw new IllegalStateException(e);
                        }
                        return then.apply(id);
                      }));
    }

    void awaitEntered() throws InterruptedException {
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static Thread waitingCaller(Runnable call) {
    Thread caller = new Thread(call);
    caller.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> caller.getState() == Thread.State.WAITING);
    return caller;
  }

  /** What a second caller, waiting for {@code blocked}'s load, throws once the load is released. */
  private Throwable waiterFailure(RoomCache cache, BlockedLoad blocked) throws Exception {
    blocked.awaitEntered();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread caller =
        waitingCaller(
            () -> {
              try {
                cache.get(1, this::load);
              } catch (Throwable e) {
                failure.set(e);
              }
            });
    blocked.release.countDown();
    caller.join(10_000);
    return failure.get();
  }

  @Test
  void callersThatMissWhileTheRoomIsLoadingWaitForThatLoad() throws Exception {
    RoomCache cache = new RoomCache(10, Duration.ofMinutes(1));
    BlockedLoad blocked = new BlockedLoad(cache, this::load);
    blocked.awaitEntered();
    AtomicReference<Room> second = new AtomicReference<>();
    Thread caller = waitingCaller(() -> second.set(cache.get(1, this::load)));
    blocked.release.countDown();
    caller.join(10_000);
    assertThat(second.get()).isSameAs(blocked.first.get(10, TimeUnit.SECONDS));
    assertThat(loads).hasValue(1);
  }

  @Test
  void aFailedLoadFailsItsWaitersTooAndTheNextMissLoadsAgain() throws Exception {
    RoomCache cache = new RoomCache(10, Duration.ofMinutes(1));
    BlockedLoad blocked =
        new BlockedLoad(
            cache,
            id -> {
              throw new IllegalStateException("database down");
            });
    assertThat(waiterFailure(cache, blocked))
        .isExactlyInstanceOf(IllegalStateException.class)
        .hasMessage("database down");
    assertThat(loads).hasValue(0);
    cache.get(1, this::load);
    assertThat(loads).hasValue(1);
  }

  @Test
  void aMissAfterAnInvalidationDoesNotWaitForTheLoadThatStartedBefore() throws Exception {
    RoomCache cache = new RoomCache(10, Duration.ofMinutes(1));
    BlockedLoad blocked = new BlockedLoad(cache, this::load);
    blocked.awaitEntered();
    cache.invalidate(1);
    Room fresh = cache.get(1, this::load); // not blocked: a load of its own
    assertThat(loads).hasValue(1);
    blocked.release.countDown();
    assertThat(blocked.first.get(10, TimeUnit.SECONDS)).isNotSameAs(fresh);
    assertThat(cache.get(1, this::load)).isSameAs(fresh);
  }

  @Test
  void theLeastRecentlyUsedRoomIsDroppedBeyondTheCapacity() {
    RoomCache cache = new RoomCache(2, Duration.ofMinutes(1));
    cache.get(1, this::load);
    cache.get(2, this::load);
    cache.get(1, this::load);
    cache.get(3, this::load); // drops room 2
    assertThat(loads).hasValue(3);
    cache.get(1, this::load);
    cache.get(2, this::load);
    assertThat(loads).hasValue(4);
  }

  @Test
  void aZeroTtlDisablesCaching() {
    RoomCache cache = new RoomCache(10, Duration.ZERO);
    cache.get(1, this::load);
    cache.get(1, this::load);
    assertThat(loads).hasValue(2);
    assertThat(cache.size()).isZero();
  }

  private final AtomicLong now = new AtomicLong();
  private final List<Runnable> refreshes = new ArrayList<>();

  private RoomCache aheadCache(Executor refresher) {
    return new RoomCache(10, Duration.ofNanos(1000), refresher, now::get, true);
  }

  @Test
  void aRoomUsedLateInItsTtlIsServedFromTheCacheAndReloadedInTheBackground() {
    RoomCache cache = aheadCache(refreshes::add);
    Room first = cache.get(1, this::load);
    now.set(749);
    assertThat(cache.get(1, this::load)).isSameAs(first);
    assertThat(refreshes).isEmpty();
    now.set(750);
    assertThat(cache.get(1, this::load)).isSameAs(first);
    assertThat(cache.get(1, this::load)).isSameAs(first); // one reload at a time
    assertThat(refreshes).hasSize(1);
    assertThat(loads).hasValue(1);
    refreshes.get(0).run();
    assertThat(loads).hasValue(2);
    now.set(1500); // 750 after the reload: fresh
    Room second = cache.get(1, this::load);
    assertThat(second).isNotSameAs(first);
    assertThat(loads).hasValue(2);
  }

  @Test
  void anEntryIsNeverUsedBeyondItsTtlWhileItsReloadIsPending() {
    RoomCache cache = aheadCache(refreshes::add);
    Room first = cache.get(1, this::load);
    now.set(900);
    cache.get(1, this::load);
    now.set(1000);
    assertThat(cache.get(1, this::load)).isNotSameAs(first);
    assertThat(loads).hasValue(2);
  }

  @Test
  void aRefusedOrFailedReloadLeavesTheEntryUntilItsTtl() {
    RoomCache refused =
        aheadCache(
            r -> {
              throw new RejectedExecutionException("full");
            });
    Room first = refused.get(1, this::load);
    now.set(800);
    assertThat(refused.get(1, this::load)).isSameAs(first);
    assertThat(loads).hasValue(1);

    now.set(0);
    RoomCache failing = aheadCache(Runnable::run);
    Room kept = failing.get(2, this::load);
    now.set(800);
    assertThat(
            failing.get(
                2,
                id -> {
                  throw new IllegalStateException("database down");
                }))
        .isSameAs(kept);
    now.set(999);
    assertThat(failing.get(2, this::load)).isSameAs(kept); // no second attempt before the ttl
    assertThat(loads).hasValue(2);
  }

  @Test
  void aReloadThatRacedAnInvalidationIsNotKept() {
    RoomCache cache = aheadCache(refreshes::add);
    cache.get(1, this::load);
    now.set(800);
    cache.get(1, this::load);
    cache.invalidate(7); // a room event while the reload waits
    refreshes.get(0).run();
    now.set(1000);
    cache.get(1, this::load);
    assertThat(loads).hasValue(3);
  }

  @Test
  void withoutARefresherNothingIsReloadedBeforeTheTtl() {
    RoomCache cache = new RoomCache(10, Duration.ofMinutes(1));
    Room first = cache.get(1, this::load);
    assertThat(cache.get(1, this::load)).isSameAs(first);
    assertThat(loads).hasValue(1);
  }
}
