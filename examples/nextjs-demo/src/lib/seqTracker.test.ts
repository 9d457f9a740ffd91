import { describe, expect, it } from "vitest";
import { SeqTracker } from "./seqTracker";

describe("SeqTracker", () => {
  it("knows nothing about a new room", () => {
    expect(new SeqTracker().get(1)).toBeUndefined();
  });

  it("keeps the highest seq per room and never moves back", () => {
    const t = new SeqTracker();
    expect(t.observe(1, 5)).toBe(true);
    expect(t.observe(1, 3)).toBe(false);
    expect(t.observe(1, 5)).toBe(false);
    expect(t.observe(1, 9)).toBe(true);
    expect(t.get(1)).toBe(9);
  });

  it("tracks rooms independently", () => {
    const t = new SeqTracker();
    t.observe(1, 40);
    t.observe(2, 7);
    expect(t.get(1)).toBe(40);
    expect(t.get(2)).toBe(7);
  });

  it("accepts seq 0 (Kafka offsets start there) and ignores invalid values", () => {
    const t = new SeqTracker();
    expect(t.observe(1, 0)).toBe(true);
    expect(t.get(1)).toBe(0);
    expect(t.observe(1, -1)).toBe(false);
    expect(t.observe(1, Number.NaN)).toBe(false);
    expect(t.get(1)).toBe(0);
  });

  it("observes batches and forgets rooms", () => {
    const t = new SeqTracker();
    t.observeAll(3, [4, 12, 8]);
    expect(t.get(3)).toBe(12);
    t.forget(3);
    expect(t.get(3)).toBeUndefined();
  });
});
