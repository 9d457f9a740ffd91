import { describe, expect, it } from "vitest";
import {
  NO_TYPING,
  applyTyping,
  expireTyping,
  messageArrived,
  nextExpiry,
  parseTypingEvent,
  typingUsers,
} from "../src/state/typingState.js";

const me = "me";

describe("parseTypingEvent", () => {
  it("reads valid events only", () => {
    expect(parseTypingEvent({ user: "alice", typing: true })).toEqual({ user: "alice", typing: true });
    expect(parseTypingEvent({ user: "alice", typing: false })).toEqual({ user: "alice", typing: false });
    for (const body of [null, 5, { user: "alice" }, { user: "", typing: true }, { user: "alice", typing: "true" }]) {
      expect(parseTypingEvent(body)).toBeUndefined();
    }
  });
});

describe("typing state", () => {
  it("shows a user from true until false, in the order they started", () => {
    let s = applyTyping(NO_TYPING, { user: "bob", typing: true }, me, 1000, 8000);
    s = applyTyping(s, { user: "alice", typing: true }, me, 1500, 8000);
    expect(typingUsers(s)).toEqual(["bob", "alice"]);
    s = applyTyping(s, { user: "bob", typing: false }, me, 2000, 8000);
    expect(typingUsers(s)).toEqual(["alice"]);
  });

  it("ignores the user's own signals", () => {
    expect(applyTyping(NO_TYPING, { user: me, typing: true }, me, 0)).toBe(NO_TYPING);
  });

  it("a false for someone not typing changes nothing", () => {
    expect(applyTyping(NO_TYPING, { user: "bob", typing: false }, me, 0)).toBe(NO_TYPING);
  });

  it("hides a user when their message arrives", () => {
    const s = applyTyping(NO_TYPING, { user: "bob", typing: true }, me, 0);
    expect(typingUsers(messageArrived(s, "bob"))).toEqual([]);
    expect(messageArrived(s, "carol")).toBe(s);
  });

  it("hides a user after the display time without a refresh; a refresh extends it", () => {
    let s = applyTyping(NO_TYPING, { user: "bob", typing: true }, me, 1000, 8000);
    expect(nextExpiry(s)).toBe(9000);
    expect(expireTyping(s, 8999)).toBe(s);
    expect(typingUsers(expireTyping(s, 9000))).toEqual([]);
    s = applyTyping(s, { user: "bob", typing: true }, me, 5000, 8000);
    expect(typingUsers(expireTyping(s, 9000))).toEqual(["bob"]);
    expect(typingUsers(expireTyping(s, 13000))).toEqual([]);
  });

  it("knows the earliest expiry", () => {
    let s = applyTyping(NO_TYPING, { user: "bob", typing: true }, me, 3000, 8000);
    s = applyTyping(s, { user: "alice", typing: true }, me, 1000, 8000);
    expect(nextExpiry(s)).toBe(9000);
    expect(nextExpiry(NO_TYPING)).toBeUndefined();
    expect(typingUsers(expireTyping(s, 9500))).toEqual(["bob"]);
  });
});

