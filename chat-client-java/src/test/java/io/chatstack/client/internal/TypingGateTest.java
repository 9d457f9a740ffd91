package io.chatstack.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Which typing calls go to the server, on a clock the test moves. */
class TypingGateTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final TypingGate gate = new TypingGate(Duration.ofSeconds(3), now::get);

  private void advance(Duration by) {
    now.addAndGet(by.toNanos());
  }

  @Test
  void aTrueGoesAtMostOncePerInterval() {
    assertThat(gate.pass(1, true)).isTrue();
    assertThat(gate.pass(1, true)).isFalse();
    advance(Duration.ofMillis(2999));
    assertThat(gate.pass(1, true)).isFalse();
    advance(Duration.ofMillis(1));
    assertThat(gate.pass(1, true)).isTrue();
    assertThat(gate.pass(1, true)).isFalse();
  }

  @Test
  void aFalseGoesOnlyAfterATrueAndOnce() {
    assertThat(gate.pass(1, false)).isFalse();
    assertThat(gate.pass(1, true)).isTrue();
    assertThat(gate.pass(1, false)).isTrue();
    assertThat(gate.pass(1, false)).isFalse();
  }

  @Test
  void stoppingDoesNotLetTheNextTrueThroughEarly() {
    assertThat(gate.pass(1, true)).isTrue();
    assertThat(gate.pass(1, false)).isTrue();
    advance(Duration.ofSeconds(1));
    assertThat(gate.pass(1, true)).isFalse();
    assertThat(gate.pass(1, false)).isFalse(); // the true did not go, so neither does the false
    advance(Duration.ofSeconds(2));
    assertThat(gate.pass(1, true)).isTrue();
    assertThat(gate.pass(1, false)).isTrue();
  }

  @Test
  void roomsAreGatedApart() {
    assertThat(gate.pass(1, true)).isTrue();
    assertThat(gate.pass(2, true)).isTrue();
    assertThat(gate.pass(2, false)).isTrue();
    assertThat(gate.pass(1, true)).isFalse();
    assertThat(gate.pass(1, false)).isTrue();
  }

  @Test
  void aZeroIntervalLetsEveryTrueThrough() {
    TypingGate open = new TypingGate(Duration.ZERO, now::get);
    assertThat(open.pass(1, true)).isTrue();
    assertThat(open.pass(1, true)).isTrue();
  }
}
