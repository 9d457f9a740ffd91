import { applyPresence, type ChatMessage, UNKNOWN_PRESENCE } from "@chatstack/client";
import { describe, expect, it } from "vitest";
import { badgeLabel, canSend, lastOwnSeq, onlineLabel, seenText, typingText } from "./labels";

function message(seq: number, sender: string, type: ChatMessage["type"] = "CHAT"): ChatMessage {
  return { id: `m${seq}`, roomId: 1, seq, sender, content: `c${seq}`, type, timestamp: "2026-12-04T12:00:00Z" };
}

describe("labels", () => {
  it("offers sending only while online", () => {
    const state = { failures: 0, attempting: false, retryDelayMs: null, everConnected: true, browserOffline: false, lastError: null };
    expect(canSend({ ...state, status: "online" })).toBe(true);
    for (const status of ["idle", "connecting", "reconnecting", "offline", "stopped"] as const) {
      expect(canSend({ ...state, status })).toBe(false);
    }
  });

  it("counts who is online once known", () => {
    expect(onlineLabel(UNKNOWN_PRESENCE)).toBe("");
    expect(onlineLabel(applyPresence(UNKNOWN_PRESENCE, { type: "snapshot", online: ["alice"], count: 700 }))).toBe("700 online");
  });

  it("names one or two typing users, then says several", () => {
    expect(typingText([])).toBe("");
    expect(typingText(["alice"])).toBe("alice is typing…");
    expect(typingText(["alice", "bob"])).toBe("alice and bob are typing…");
    expect(typingText(["alice", "bob", "carol"])).toBe("several people are typing…");
  });

  it("finds the user's own last chat message", () => {
    const messages = [message(1, "me"), message(2, "me", "JOIN"), message(3, "bob"), message(4, "me"), message(5, "bob")];
    expect(lastOwnSeq(messages, "me")).toBe(4);
    expect(lastOwnSeq(messages.slice(0, 1), "me")).toBe(1);
    expect(lastOwnSeq([message(2, "me", "JOIN")], "me")).toBeUndefined();
    expect(lastOwnSeq([], "me")).toBeUndefined();
  });

  it("names up to three readers, then counts the others", () => {
    expect(seenText([])).toBe("");
    expect(seenText(["bob"])).toBe("Seen by bob");
    expect(seenText(["bob", "carol"])).toBe("Seen by bob and carol");
    expect(seenText(["bob", "carol", "dave"])).toBe("Seen by bob, carol and dave");
    expect(seenText(["bob", "carol", "dave", "erin", "frank"])).toBe("Seen by bob, carol and 3 others");
  });

  it("caps the badge", () => {
    expect(badgeLabel(1)).toBe("1");
    expect(badgeLabel(99)).toBe("99");
    expect(badgeLabel(100)).toBe("99+");
  });
});
