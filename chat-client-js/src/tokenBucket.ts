/**
 * A token bucket as the server keeps one per connection: {@code perSecond} tokens a second, at most
 * {@code perSecond} saved up. Times are milliseconds from the caller's clock. Not thread-safe (one
 * event loop).
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = perSecond;
    this.at = now;
  }

  /** Takes a token if one is there. */
  tryTake(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token is there (0: now). */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }

  /** Spends what was saved up: the server refused, so its bucket is empty. */
  empty(now: number): void {
    this.refill(now);
    this.tokens = 0;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.perSecond, this.tokens + (Math.max(0, now - this.at) / 1000) * this.perSecond);
    this.at = now;
  }
}
