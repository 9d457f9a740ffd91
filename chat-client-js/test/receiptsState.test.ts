import { describe, expect, it } from "vitest";
import { NO_RECEIPTS, applyReceipt, parseReadReceipt, seenBy } from "../src/state/receiptsState.js";
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

