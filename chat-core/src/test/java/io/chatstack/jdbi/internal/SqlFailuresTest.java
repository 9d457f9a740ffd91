package io.chatstack.jdbi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.InvalidInputException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;

/** Retry and translation rules, on hand-made driver exceptions (pure logic). */
class SqlFailuresTest {
  private final SqlFailures failures = new SqlFailures(3, 0);

  private static ConnectionException failure(String state, int code) {
    return new ConnectionException(new SQLException("boom " + code, state, code));
  }

  @Test
  void deadlocksAndLockWaitsAreRetried() {
    AtomicInteger calls = new AtomicInteger();
    String result =
        failures.run(
            "op",
            () -> {
              int n = calls.incrementAndGet();
              if (n == 1) {
                throw failure("40001", 1213);
              }
              if (n == 2) {
                throw failure("HY000", 1205);
              }
              return "done";
            });
    assertThat(result).isEqualTo("done");
    assertThat(calls).hasValue(3);
  }

  @Test
  void retriesStopAfterMaxAttempts() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                failures.run(
                    "join room 7",
                    () -> {
                      calls.incrementAndGet();
                      throw failure("40001", 1213);
                    }))
        .isInstanceOf(ChatUnavailableException.class)
        .hasMessageContaining("join room 7 after 3 attempts");
    assertThat(calls).hasValue(3);
  }

  @Test
  void otherFailuresAreNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                failures.run(
                    "list rooms",
                    () -> {
                      calls.incrementAndGet();
                      throw failure("08S01", 0);
                    }))
        .isInstanceOf(ChatUnavailableException.class)
        .hasMessageContaining("list rooms (SQLState 08S01: boom 0)");
    assertThat(calls).hasValue(1);
  }

  @Test
  void tooLongValuesAreInvalidInput() {
    assertThatThrownBy(
            () ->
                failures.run(
                    "create room",
                    () -> {
                      throw failure("22001", 1406);
                    }))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("longer than its column allows");
  }
}
