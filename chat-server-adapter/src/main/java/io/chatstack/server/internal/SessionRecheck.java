package io.chatstack.server.internal;

import io.chatstack.core.ChatUnavailableException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Asks at most once per interval whether a subscription may go on (for a room's signal
 * subscriptions: whether the user may still receive the room), so that a busy subscription does not
 * pay a check per delivery. The first interval starts when this is made: the subscription was just
 * authorized. Thread-safe: deliveries may come on several threads; a racy update only causes one
 * check more.
 */
final class SessionRecheck {

  /** What a delivery does. */
  enum Outcome {
    /** Deliver: checked recently, or the check said yes. */
    DELIVER,
    /** Skip this delivery and ask again next time: the check could not be answered. */
    DROP,
    /** End the subscription: the check said no. */
    REVOKE
  }

  private final LongSupplier nanoTime;
  private final long intervalNanos;
  private volatile long checkedAt;

  /**
   * @param nanoTime the clock ({@code System::nanoTime})
   * @param intervalNanos how long an answer "yes" holds
   */
  SessionRecheck(LongSupplier nanoTime, long intervalNanos) {
    this.nanoTime = nanoTime;
    this.intervalNanos = intervalNanos;
    this.checkedAt = nanoTime.getAsLong();
  }

  /**
   * Asks {@code mayContinue} if the last "yes" is at least an interval old. A {@link
   * ChatUnavailableException} from it (the room database is down) drops the delivery and revokes
   * nothing.
   */
  Outcome ask(BooleanSupplier mayContinue) {
    long now = nanoTime.getAsLong();
    if (now - checkedAt < intervalNanos) {
      return Outcome.DELIVER;
    }
    boolean yes;
    try {
      yes = mayContinue.getAsBoolean();
    } catch (ChatUnavailableException e) {
      return Outcome.DROP;
    }
    if (!yes) {
      return Outcome.REVOKE;
    }
    checkedAt = now;
    return Outcome.DELIVER;
  }
}
