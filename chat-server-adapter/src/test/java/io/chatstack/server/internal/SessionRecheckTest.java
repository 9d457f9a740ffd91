package io.chatstack.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatUnavailableException;
import io.chatstack.server.internal.SessionRecheck.Outcome;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The once-per-interval check of a subscription, on a clock the test moves. */
class SessionRecheckTest {
  private final AtomicLong clock = new AtomicLong(1_000);
  private final SessionRecheck recheck = new SessionRecheck(clock::get, 100);
  private final AtomicInteger asked = new AtomicInteger();

  private BooleanSupplier answering(boolean yes) {
    return () -> {
      asked.incrementAndGet();
      return yes;
    };
  }

  @Test
  void withinTheFirstIntervalNothingIsAsked() {
    clock.set(1_099);
    assertThat(recheck.ask(answering(false))).isEqualTo(Outcome.DELIVER);
    assertThat(asked).hasValue(0);
  }

  @Test
  void aYesHoldsForOneIntervalFromWhenItWasGiven() {
    clock.set(1_100);
    assertThat(recheck.ask(answering(true))).isEqualTo(Outcome.DELIVER);
    assertThat(asked).hasValue(1);
    clock.set(1_199);
    assertThat(recheck.ask(answering(false))).isEqualTo(Outcome.DELIVER);
    assertThat(asked).hasValue(1);
    clock.set(1_200);
    assertThat(recheck.ask(answering(false))).isEqualTo(Outcome.REVOKE);
    assertThat(asked).hasValue(2);
  }

  @Test
  void anUnavailableRoomDatabaseDropsTheDeliveryAndAsksAgainNextTime() {
    clock.set(1_150);
    assertThat(
            recheck.ask(
                () -> {
                  asked.incrementAndGet();
                  throw new ChatUnavailableException("room database down", null);
                }))
        .isEqualTo(Outcome.DROP);
    clock.set(1_151);
    assertThat(recheck.ask(answering(true))).isEqualTo(Outcome.DELIVER);
    assertThat(asked).hasValue(2);
  }
}
