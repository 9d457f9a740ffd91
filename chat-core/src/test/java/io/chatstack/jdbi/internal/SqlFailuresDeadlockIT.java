package io.chatstack.jdbi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.testkit.db.TestDatabases;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * A real InnoDB deadlock: two transactions lock two rows in opposite order. The server aborts one
 * (error 1213); {@link SqlFailures} must retry it so both commit.
 */
class SqlFailuresDeadlockIT {
  private final Jdbi jdbi = Jdbi.create(TestDatabases.mysqlDataSource());
  private final SqlFailures failures = new SqlFailures(5, 10);
  private final CyclicBarrier bothHoldTheirFirstRow = new CyclicBarrier(2);
  private final AtomicInteger attempts = new AtomicInteger();

  @Test
  void theDeadlockVictimIsRetriedAndBothTransactionsCommit() throws Exception {
    jdbi.useHandle(
        h -> {
          h.execute(
              "CREATE TABLE IF NOT EXISTS chatstack_deadlock_probe (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB");
          h.execute("INSERT IGNORE INTO chatstack_deadlock_probe (id, v) VALUES (1, 0), (2, 0)");
        });
    long before = total();

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CompletableFuture<Void> a = CompletableFuture.runAsync(() -> transfer(1, 2), pool);
      CompletableFuture<Void> b = CompletableFuture.runAsync(() -> transfer(2, 1), pool);
      CompletableFuture.allOf(a, b).get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    assertThat(attempts).hasValue(3);
    assertThat(total()).isEqualTo(before + 4);
  }

  private void transfer(int first, int second) {
    AtomicBoolean firstAttempt = new AtomicBoolean(true);
    failures.run(
        "transfer",
        () ->
            jdbi.inTransaction(
                h -> {
                  attempts.incrementAndGet();
                  bump(h, first);
                  if (firstAttempt.getAndSet(false)) {
                    awaitOther();
                  }
                  bump(h, second);
                  return null;
                }));
  }

  private void awaitOther() {
    try {
      bothHoldTheirFirstRow.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the other transaction did not take its first lock", e);
    }
  }

  private static void bump(Handle h, int id) {
    h.createUpdate("UPDATE chatstack_deadlock_probe SET v = v + 1 WHERE id = :id")
        .bind("id", id)
        .execute();
  }

  private long total() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT SUM(v) FROM chatstack_deadlock_probe").mapTo(Long.class).one());
  }
}
