package io.chatstack.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When to retry a lost connection: exponential backoff with random jitter, for a bounded or
 * unbounded number of attempts. Thread-safe (immutable).
 *
 * <p>Attempt {@code n} (1-based) waits {@code min(maxDelay, initialDelay * multiplier^(n-1))},
 * reduced by a random fraction of up to {@code jitter} (0 to 1), so many clients that lost the same
 * server do not come back in lockstep.
 *
 * @param initialDelay delay before the first attempt
 * @param maxDelay cap of the exponential growth
 * @param multiplier growth factor per attempt, at least 1
 * @param jitter largest random reduction, as a fraction of the delay (0: none, 1: "full jitter")
 * @param maxAttempts attempts per outage before the client gives up and fails; 0 means unbounded,
 *     -1 never to reconnect ({@link #NONE})
 */
public record ReconnectPolicy(
    Duration initialDelay, Duration maxDelay, double multiplier, double jitter, int maxAttempts) {

  /** 250 ms doubling up to 30 s, 50 % jitter, unbounded attempts. */
  public static final ReconnectPolicy DEFAULT =
      new ReconnectPolicy(Duration.ofMillis(250), Duration.ofSeconds(30), 2.0, 0.5, 0);

  /** Never reconnect: a lost connection fails the client. */
  public static final ReconnectPolicy NONE =
      new ReconnectPolicy(Duration.ZERO, Duration.ZERO, 1.0, 0, -1);

  public ReconnectPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
    }
    if (!(multiplier >= 1.0) || !(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("need multiplier >= 1 and 0 <= jitter <= 1");
    }
    if (maxAttempts < -1) {
      throw new IllegalArgumentException("maxAttempts must be >= -1 (0: unbounded, -1: never)");
    }
  }

  /** Exponential backoff from {@code initialDelay} to {@code maxDelay}, doubling, 50 % jitter. */
  public static ReconnectPolicy exponential(Duration initialDelay, Duration maxDelay) {
    return new ReconnectPolicy(initialDelay, maxDelay, 2.0, 0.5, 0);
  }

  /** This policy giving up after {@code attempts} failed attempts per outage (0: never). */
  public ReconnectPolicy withMaxAttempts(int attempts) {
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be >= 0, was " + attempts);
    }
    return new ReconnectPolicy(initialDelay, maxDelay, multiplier, jitter, attempts);
  }

  /** This policy with another jitter fraction. */
  public ReconnectPolicy withJitter(double fraction) {
    return new ReconnectPolicy(initialDelay, maxDelay, multiplier, fraction, maxAttempts);
  }

  /** Whether attempt {@code attempt} (1-based) may be made. */
  public boolean allows(int attempt) {
    return maxAttempts == 0 || attempt <= maxAttempts;
  }

  /** The delay before attempt {@code attempt} (1-based), with jitter. */
  public Duration delay(int attempt) {
    return delay(attempt, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** The delay before {@code attempt}, with {@code random} in [0, 1) choosing the jitter. */
  public Duration delay(int attempt, DoubleSupplier random) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt is 1-based, was " + attempt);
    }
    double base = initialDelay.toMillis() * Math.pow(multiplier, Math.min(attempt - 1, 62));
    double capped = Math.min(base, maxDelay.toMillis());
    double jittered = capped * (1.0 - jitter * random.getAsDouble());
    return Duration.ofMillis(Math.max(0, Math.round(jittered)));
  }
}
