import { describe, expect, it } from "vitest";
import { applyChange, excerpt, isChange } from "../src/state/messageChanges.js";
import type { ChatMessage } from "../src/types.js";

const base: ChatMessage = {
  id: "m1",
  roomId: 1,
  seq: 1,
  sender: "alice",
  content: "helo",
  type: "CHAT",
  timestamp: "2026-12-04T10:00:00.000Z",
};

function change(seq: number, type: ChatMessage["type"], sender: string, content: string, add?: boolean): ChatMessage {
  return {
    id: `c${seq}`,
    roomId: 1,
    seq,
    sender,
    content,
    type,
    timestamp: `2026-12-04T10:00:0${seq}.000Z`,
    targetId: "m1",
    metadata: add === undefined ? undefined : { add },
  };
}

describe("applyChange", () => {
  it("edits content and sets editedAt and lastChangeSeq", () => {
    const [m] = applyChange([base], change(2, "EDIT", "alice", "hello"));
    expect(m).toMatchObject({ content: "hello", editedAt: "2026-12-04T10:00:02.000Z", lastChangeSeq: 2 });
  });

  it("skips a change at or below lastChangeSeq, so replays change nothing", () => {
    const once = applyChange([base], change(3, "EDIT", "alice", "new"));
    expect(applyChange(once, change(3, "EDIT", "alice", "new"))).toBe(once);
    expect(applyChange(once, change(2, "EDIT", "alice", "old"))).toBe(once);
  });

  it("makes a tombstone and ignores later changes to it", () => {
    const withReaction = applyChange([base], change(2, "REACTION", "bob", "👍", true));
    const deleted = applyChange(withReaction, change(3, "DELETE", "alice", ""));
    expect(deleted[0]).toMatchObject({ deleted: true, content: "", lastChangeSeq: 3 });
    expect(deleted[0].reactions).toBeUndefined();
    expect(applyChange(deleted, change(4, "EDIT", "alice", "back"))).toBe(deleted);
  });

  it("adds and removes reactions idempotently per user", () => {
    let list = applyChange([base], change(2, "REACTION", "bob", "👍", true));
    list = applyChange(list, change(3, "REACTION", "bob", "👍", true));
    list = applyChange(list, change(4, "REACTION", "carol", "👍", true));
    expect(list[0].reactions).toEqual({ "👍": { count: 2, users: ["bob", "carol"] } });
    list = applyChange(list, change(5, "REACTION", "bob", "👍", false));
    list = applyChange(list, change(6, "REACTION", "bob", "👍", false));
    expect(list[0].reactions).toEqual({ "👍": { count: 1, users: ["carol"] } });
    list = applyChange(list, change(7, "REACTION", "carol", "👍", false));
    expect(list[0].reactions).toEqual({});
  });

  it("keeps the count exact when the users list is capped", () => {
    const users = Array.from({ length: 20 }, (_, i) => `u${i}`);
    const capped: ChatMessage = { ...base, reactions: { "🎉": { count: 25, users } } };
    let list = applyChange([capped], change(2, "REACTION", "late", "🎉", true));
    expect(list[0].reactions?.["🎉"]).toEqual({ count: 26, users });
    list = applyChange(list, change(3, "REACTION", "u3", "🎉", false));
    expect(list[0].reactions?.["🎉"].count).toBe(25);
    expect(list[0].reactions?.["🎉"].users).not.toContain("u3");
  });

  it("ignores a change whose target is not loaded, and messages that are not changes", () => {
    const list = [base];
    expect(applyChange(list, { ...change(2, "EDIT", "alice", "x"), targetId: "other" })).toBe(list);
    expect(applyChange(list, { ...base, seq: 5 })).toBe(list);
    expect(isChange(change(2, "DELETE", "alice", ""))).toBe(true);
    expect(isChange(base)).toBe(false);
  });
});

describe("excerpt", () => {
  it("shortens long text with an ellipsis", () => {
    expect(excerpt("short")).toBe("short");
    expect(excerpt("x".repeat(100), 10)).toBe(`${"x".repeat(9)}…`);
  });
});

describe("SYSTEM messages", () => {
  it("are messages, not change records: applying one changes nothing", () => {
    const system: ChatMessage = {
      ...base,
      id: "s1",
      seq: 2,
      type: "SYSTEM",
      content: "bob was removed by alice",
      targetId: "m1",
      metadata: { action: "kick", actor: "alice", target: "bob" },
    };
    expect(isChange(system)).toBe(false);
    const messages = [base];
    expect(applyChange(messages, system)).toBe(messages);
  });
});
