import { describe, expect, it } from "vitest";
import { UNKNOWN_PRESENCE, applyPresence, isOnline, parsePresenceEvent } from "../src/state/presenceState.js";
import type { PresenceEvent } from "../src/types.js";

const snapshot = (online: string[], count = online.length): PresenceEvent => ({ type: "snapshot", online, count });

describe("parsePresenceEvent", () => {
  it("reads snapshots and changes", () => {
    expect(parsePresenceEvent({ type: "snapshot", online: ["alice", "bob"], count: 2 })).toEqual(snapshot(["alice", "bob"]));
    expect(parsePresenceEvent({ type: "online", user: "carol", count: 3 })).toEqual({ type: "online", user: "carol", count: 3 });
    expect(parsePresenceEvent({ type: "offline", user: "carol", count: 2 })).toEqual({ type: "offline", user: "carol", count: 2 });
  });

  it("rejects anything else", () => {
    for (const body of [
      undefined,
      "snapshot",
      { type: "snapshot", online: "alice", count: 1 },
      { type: "snapshot", online: [1], count: 1 },
      { type: "snapshot", online: [], count: -1 },
      { type: "snapshot", online: [], count: 1.5 },
      { type: "online", count: 1 },
      { type: "online", user: "", count: 1 },
      { type: "away", user: "carol", count: 1 },
      { type: "offline", user: "carol" },
    ]) {
      expect(parsePresenceEvent(body), JSON.stringify(body)).toBeUndefined();
    }
  });
});

describe("applyPresence", () => {
  it("is unknown until the snapshot, which it takes as is", () => {
    expect(isOnline(UNKNOWN_PRESENCE, "alice")).toBe(false);
    const s = applyPresence(UNKNOWN_PRESENCE, snapshot(["alice", "bob"], 700));
    expect(s.known).toBe(true);
    expect([...s.online]).toEqual(["alice", "bob"]);
    expect(s.count).toBe(700);
  });

  it("ignores changes before the snapshot (it already contains them)", () => {
    expect(applyPresence(UNKNOWN_PRESENCE, { type: "online", user: "carol", count: 1 })).toBe(UNKNOWN_PRESENCE);
  });

  it("adds and removes users, taking the server's count", () => {
    let s = applyPresence(UNKNOWN_PRESENCE, snapshot(["alice"]));
    s = applyPresence(s, { type: "online", user: "bob", count: 2 });
    expect(isOnline(s, "bob")).toBe(true);
    expect(s.count).toBe(2);
    s = applyPresence(s, { type: "offline", user: "alice", count: 1 });
    expect(isOnline(s, "alice")).toBe(false);
    expect([...s.online]).toEqual(["bob"]);
  });

  it("returns the same state when nothing changes, a new one when only the count does", () => {
    const s = applyPresence(UNKNOWN_PRESENCE, snapshot(["alice"]));
    expect(applyPresence(s, { type: "online", user: "alice", count: 1 })).toBe(s);
    expect(applyPresence(s, { type: "offline", user: "bob", count: 1 })).toBe(s);
    const recounted = applyPresence(s, { type: "online", user: "alice", count: 2 });
    expect(recounted).not.toBe(s);
    expect(recounted.count).toBe(2);
  });

  it("a fresh snapshot (after a reconnect) replaces everything", () => {
    let s = applyPresence(UNKNOWN_PRESENCE, snapshot(["alice", "bob"]));
    s = applyPresence(s, snapshot(["carol"]));
    expect([...s.online]).toEqual(["carol"]);
    expect(s.count).toBe(1);
  });
});
