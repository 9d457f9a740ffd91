package io.chatstack.server.internal;

import java.util.function.LongSupplier;

/**
 * Token bucket: {@code perSecond} tokens per second, burst of {@code perSecond}. Not thread-safe.
 */
public final class RateLimiter {
  private final double perNano;
  private final double capacity;
  private final LongSupplier nanoClock;
  private double tokens;
  private long last;

  public RateLimiter(int perSecond, LongSupplier nanoClock) {
    this.perNano = perSecond / 1e9;
    this.capacity = perSecond;
    this.nanoClock = nanoClock;
    this.tokens = perSecond;
    this.last = nanoClock.getAsLong();
  }

  /** Takes one token if available. */
  public boolean tryAcquire() {
    long now = nanoClock.getAsLong();
    tokens = Math.min(capacity, tokens + (now - last) * perNano);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
