import { describe, expect, it } from "vitest";
import { PendingSends } from "../src/pendingSends.js";

describe("PendingSends", () => {
  it("keeps sends until the receipt of the latest attempt settles them", () => {
    const p = new PendingSends();
    p.add("c1", 1, "hello", 100);
    p.markAttempt("c1", "r1");
    expect(p.has("c1")).toBe(true);
    expect(p.settleByReceipt("r1")?.clientMsgId).toBe("c1");
    expect(p.has("c1")).toBe(false);
    expect(p.size).toBe(0);
  });

  it("is settled when the message itself arrives first", () => {
    const p = new PendingSends();
    p.add("c1", 1, "hello", 100);
    p.markAttempt("c1", "r1");
    expect(p.settleByMessage({ clientMsgId: "c1" })?.content).toBe("hello");
    expect(p.settleByReceipt("r1")).toBeUndefined();
    expect(p.settleByMessage({ clientMsgId: null })).toBeUndefined();
  });

  it("keeps the same clientMsgId across retries; old receipts no longer match", () => {
    const p = new PendingSends();
    p.add("c1", 1, "hello", 100);
    p.markAttempt("c1", "r1");
    p.markAttempt("c1", "r2"); // retried after a reconnect
    const [entry] = p.forRoom(1);
    expect(entry.clientMsgId).toBe("c1");
    expect(entry.attempts).toBe(2);
    expect(p.settleByReceipt("r1")).toBeUndefined();
    expect(p.has("c1")).toBe(true);
    expect(p.settleByReceipt("r2")?.clientMsgId).toBe("c1");
  });

  it("lists a room's sends oldest first for retrying", () => {
    const p = new PendingSends();
    p.add("b", 1, "second", 200);
    p.add("x", 2, "other room", 150);
    p.add("a", 1, "first", 100);
    expect(p.forRoom(1).map((e) => e.clientMsgId)).toEqual(["a", "b"]);
    expect(p.all().map((e) => e.clientMsgId)).toEqual(["a", "x", "b"]);
  });

  it("refuses a clientMsgId that is already pending", () => {
    const p = new PendingSends();
    p.add("c1", 1, "hello", 100);
    expect(() => p.add("c1", 1, "again", 101)).toThrow(/already pending/);
  });

  it("can discard a send and ignores unknown ids", () => {
    const p = new PendingSends();
    p.add("c1", 1, "hello", 100);
    expect(p.settle("c1")?.content).toBe("hello");
    expect(p.settle("c1")).toBeUndefined();
    expect(p.markAttempt("nope", "r")).toBe(false);
  });
});
