import { describe, expect, it } from "vitest";
import { NO_RECEIPTS, applyReceipt, lastOwnSeq, parseReadReceipt, seenBy, seenText } from "../src/state/receiptsState.js";
import type { ChatMessage } from "../src/types.js";

function message(seq: number, sender: string, type: ChatMessage["type"] = "CHAT"): ChatMessage {
  return { id: `m${seq}`, roomId: 1, seq, sender, content: `c${seq}`, type, timestamp: "2026-12-04T12:00:00Z" };
}

describe("receipts", () => {
  it("keep the highest seq per user", () => {
    let r = applyReceipt(NO_RECEIPTS, { user: "bob", seq: 5 });
    r = applyReceipt(r, { user: "bob", seq: 9 });
    expect(r.get("bob")).toBe(9);
    expect(applyReceipt(r, { user: "bob", seq: 3 })).toBe(r);
    expect(applyReceipt(r, { user: "bob", seq: 9 })).toBe(r);
  });

  it("say who else has read a message, sorted, never the user", () => {
    let r = applyReceipt(NO_RECEIPTS, { user: "dave", seq: 10 });
    r = applyReceipt(r, { user: "bob", seq: 12 });
    r = applyReceipt(r, { user: "carol", seq: 9 });
    r = applyReceipt(r, { user: "me", seq: 12 });
    expect(seenBy(r, 10, "me")).toEqual(["bob", "dave"]);
    expect(seenBy(r, 13, "me")).toEqual([]);
  });

  it("parse valid receipts only", () => {
    expect(parseReadReceipt({ user: "bob", seq: 4 })).toEqual({ user: "bob", seq: 4 });
    for (const body of [null, { user: "bob" }, { user: "", seq: 1 }, { user: "bob", seq: "4" }, { user: "bob", seq: 1.5 }]) {
      expect(parseReadReceipt(body)).toBeUndefined();
    }
  });
});

describe("lastOwnSeq", () => {
  it("finds the user's own last chat message", () => {
    const messages = [message(1, "me"), message(2, "me", "JOIN"), message(3, "bob"), message(4, "me"), message(5, "bob")];
    expect(lastOwnSeq(messages, "me")).toBe(4);
    expect(lastOwnSeq(messages.slice(0, 1), "me")).toBe(1);
    expect(lastOwnSeq([message(2, "me", "JOIN")], "me")).toBeUndefined();
    expect(lastOwnSeq([], "me")).toBeUndefined();
  });
});

describe("seenText", () => {
  it("names up to three, then counts the others", () => {
    expect(seenText([])).toBe("");
    expect(seenText(["bob"])).toBe("Seen by bob");
    expect(seenText(["bob", "carol"])).toBe("Seen by bob and carol");
    expect(seenText(["bob", "carol", "dave"])).toBe("Seen by bob, carol and dave");
    expect(seenText(["bob", "carol", "dave", "erin", "frank"])).toBe("Seen by bob, carol and 3 others");
  });
});
