package io.chatstack.spring.web.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets per caller for mutating REST calls: {@code requestsPerSecond} per second, as many
 * in a burst. Buckets of callers idle for a minute are dropped, and at most 100,000 are kept, so
 * memory stays bounded whatever the number of callers. Thread-safe.
 */
public final class RestRateLimiter {
  private final int requestsPerSecond;
  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(1)).build();

  public RestRateLimiter(int requestsPerSecond) {
    if (requestsPerSecond < 1) {
      throw new IllegalArgumentException(
          "chatstack.rest.requests-per-second must be at least 1, was " + requestsPerSecond);
    }
    this.requestsPerSecond = requestsPerSecond;
  }

  /** 0 when the call may proceed, else the seconds to wait before the next one (at least 1). */
  long tryAcquire(String caller) {
    Bucket bucket = buckets.get(caller, k -> newBucket());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return 0;
    }
    return Math.max(
        1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999));
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(requestsPerSecond)
                .refillGreedy(requestsPerSecond, Duration.ofSeconds(1))
                .build())
        .build();
  }
}
