/**
 * A token bucket as the server keeps one per connection: {@code perSecond} tokens a second, at most
 * {@code perSecond} saved up. With a {@code reserve}, the last tokens are not spent: frames that
 * reach the server closer together than they were sent (network and scheduling jitter) then still
 * find a token there. Times are milliseconds from the caller's clock. Not thread-safe (one event
 * loop).
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  private readonly needed: number;

  constructor(
    private readonly perSecond: number,
    now: number,
    reserve = 0,
  ) {
    this.tokens = perSecond;
    this.at = now;
    // Never more than the bucket can hold, or nothing would ever go.
    this.needed = 1 + Math.max(0, Math.min(reserve, perSecond - 1));
  }

  /** Takes a token if one is there. */
  tryTake(now: number): boolean {
    this.refill(now);
    if (this.tokens < this.needed) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token is there (0: now). */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= this.needed ? 0 : Math.ceil(((this.needed - this.tokens) / this.perSecond) * 1000);
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
