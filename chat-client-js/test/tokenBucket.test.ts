import { describe, expect, it } from "vitest";
import { TokenBucket } from "../src/tokenBucket.js";

describe("TokenBucket", () => {
  it("gives a full second's worth at once, then one token per 1/perSecond", () => {
    const bucket = new TokenBucket(20, 0);
    for (let i = 0; i < 20; i++) expect(bucket.tryTake(0), `token ${i}`).toBe(true);
    expect(bucket.tryTake(0)).toBe(false);
    expect(bucket.waitMs(0)).toBe(50);
    expect(bucket.tryTake(49)).toBe(false);
    expect(bucket.tryTake(50)).toBe(true);
    expect(bucket.tryTake(50)).toBe(false);
  });

  it("saves up at most perSecond tokens", () => {
    const bucket = new TokenBucket(5, 0);
    for (let i = 0; i < 5; i++) bucket.tryTake(0);
    let taken = 0;
    while (bucket.tryTake(60_000)) taken++;
    expect(taken).toBe(5);
  });

  it("is empty after a refusal and refills from then on", () => {
    const bucket = new TokenBucket(10, 0);
    bucket.empty(1_000);
    expect(bucket.tryTake(1_000)).toBe(false);
    expect(bucket.waitMs(1_000)).toBe(100);
    expect(bucket.tryTake(1_100)).toBe(true);
  });

  it("leaves its reserve unspent, and never reserves the whole bucket", () => {
    const bucket = new TokenBucket(20, 0, 2);
    for (let i = 0; i < 18; i++) expect(bucket.tryTake(0), `token ${i}`).toBe(true);
    expect(bucket.tryTake(0)).toBe(false);
    expect(bucket.waitMs(0)).toBe(50);
    expect(bucket.tryTake(50)).toBe(true);
    const small = new TokenBucket(1, 0, 2);
    expect(small.tryTake(0)).toBe(true);
    expect(small.tryTake(999)).toBe(false);
    expect(small.tryTake(1_000)).toBe(true);
  });

  it("does not refill when the clock goes back", () => {
    const bucket = new TokenBucket(10, 1_000);
    for (let i = 0; i < 10; i++) bucket.tryTake(1_000);
    expect(bucket.tryTake(500)).toBe(false);
  });
});
