package io.chatstack.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Timings of presence, typing and read receipts ({@code chatstack.presence.*}, {@code
 * chatstack.typing.*}, {@code chatstack.read-receipts.*} in the Spring Boot starter). Immutable.
 *
 * @param presenceGrace how long a user stays online after their last connection closed (default 5
 *     s)
 * @param presenceLease how long a node's users stay online after its last sign of life (default 15
 *     s); nodes renew their lease every third of it
 * @param typingThrottle at most one forwarded {@code typing: true} per user and room per this
 *     (default 3 s)
 * @param typingTimeout a {@code typing: false} follows this long after the last {@code true}
 *     (default 6 s)
 * @param readReceipts whether read receipts are sent (default true)
 * @param receiptInterval at most one receipt per user and room per this (default 1 s)
 */
public record SignalSettings(
    Duration presenceGrace,
    Duration presenceLease,
    Duration typingThrottle,
    Duration typingTimeout,
    boolean readReceipts,
    Duration receiptInterval) {

  /** The defaults. */
  public static final SignalSettings DEFAULTS =
      new SignalSettings(
          Duration.ofSeconds(5),
          Duration.ofSeconds(15),
          Duration.ofSeconds(3),
          Duration.ofSeconds(6),
          true,
          Duration.ofSeconds(1));

  /** Checks every duration: grace and throttle may be zero, the others must be positive. */
  public SignalSettings {
    notNegative(presenceGrace, "presenceGrace");
    positive(presenceLease, "presenceLease");
    notNegative(typingThrottle, "typingThrottle");
    positive(typingTimeout, "typingTimeout");
    notNegative(receiptInterval, "receiptInterval");
  }

  /** These settings with another grace. */
  public SignalSettings withPresenceGrace(Duration value) {
    return new SignalSettings(
        value, presenceLease, typingThrottle, typingTimeout, readReceipts, receiptInterval);
  }

  /** These settings with another lease. */
  public SignalSettings withPresenceLease(Duration value) {
    return new SignalSettings(
        presenceGrace, value, typingThrottle, typingTimeout, readReceipts, receiptInterval);
  }

  /** These settings with another typing throttle. */
  public SignalSettings withTypingThrottle(Duration value) {
    return new SignalSettings(
        presenceGrace, presenceLease, value, typingTimeout, readReceipts, receiptInterval);
  }

  /** These settings with another typing timeout. */
  public SignalSettings withTypingTimeout(Duration value) {
    return new SignalSettings(
        presenceGrace, presenceLease, typingThrottle, value, readReceipts, receiptInterval);
  }

  /** These settings with read receipts on or off. */
  public SignalSettings withReadReceipts(boolean value) {
    return new SignalSettings(
        presenceGrace, presenceLease, typingThrottle, typingTimeout, value, receiptInterval);
  }

  /** These settings with another receipt interval. */
  public SignalSettings withReceiptInterval(Duration value) {
    return new SignalSettings(
        presenceGrace, presenceLease, typingThrottle, typingTimeout, readReceipts, value);
  }

  private static void notNegative(Duration d, String name) {
    if (Objects.requireNonNull(d, name).isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + d);
    }
  }

  private static void positive(Duration d, String name) {
    if (Objects.requireNonNull(d, name).isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }
}
