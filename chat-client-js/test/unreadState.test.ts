import { describe, expect, it } from "vitest";
import type { RoomSummary } from "../src/types.js";
import {
  NO_UNREAD,
  applyReadState,
  badgeLabel,
  forgetUnread,
  parseReadStateUpdate,
  readTarget,
  unreadCountOf,
  unreadFromRooms,
} from "../src/state/unreadState.js";

function summary(id: number, extra: Partial<RoomSummary> = {}): RoomSummary {
  return { id, name: `room ${id}`, createdBy: "alice", createdAt: "2026-12-04T12:00:00Z", visibility: "PUBLIC", participantCount: 2, ...extra };
}

describe("unread state", () => {
  it("is read from the room list entries that carry it", () => {
    const state = unreadFromRooms([
      summary(1, { lastReadSeq: 10, unreadCount: 3 }),
      summary(2, { lastReadSeq: -1, unreadCount: 0 }),
      summary(3),
      summary(4, { lastReadSeq: -2, unreadCount: 1 }),
      summary(5, { lastReadSeq: 4, unreadCount: -1 }),
    ]);
    expect([...state]).toEqual([
      [1, { lastReadSeq: 10, unreadCount: 3 }],
      [2, { lastReadSeq: -1, unreadCount: 0 }],
    ]);
    expect(unreadCountOf(state, 1)).toBe(3);
    expect(unreadCountOf(state, 3)).toBe(0);
  });

  it("takes each update from the server", () => {
    let state = applyReadState(NO_UNREAD, { roomId: 1, lastReadSeq: 4, unreadCount: 2 });
    expect(unreadCountOf(state, 1)).toBe(2);
    state = applyReadState(state, { roomId: 1, lastReadSeq: 9, unreadCount: 0 });
    expect(state.get(1)).toEqual({ lastReadSeq: 9, unreadCount: 0 });
    expect(applyReadState(state, { roomId: 1, lastReadSeq: 9, unreadCount: 0 })).toBe(state);
    expect(unreadCountOf(applyReadState(state, { roomId: 1, lastReadSeq: 9, unreadCount: 1 }), 1)).toBe(1);
  });

  it("forgets rooms the user left", () => {
    const state = applyReadState(NO_UNREAD, { roomId: 1, lastReadSeq: 4, unreadCount: 2 });
    expect(forgetUnread(state, 1).size).toBe(0);
    expect(forgetUnread(state, 2)).toBe(state);
  });

  it("parses updates and rejects broken ones", () => {
    expect(parseReadStateUpdate({ roomId: 1, lastReadSeq: -1, unreadCount: 0 })).toEqual({ roomId: 1, lastReadSeq: -1, unreadCount: 0 });
    for (const body of [null, { roomId: "1", lastReadSeq: 1, unreadCount: 0 }, { roomId: 1, lastReadSeq: 1 }, { roomId: 1, lastReadSeq: -2, unreadCount: 0 }]) {
      expect(parseReadStateUpdate(body)).toBeUndefined();
    }
  });

  it("caps the badge", () => {
    expect(badgeLabel(1)).toBe("1");
    expect(badgeLabel(99)).toBe("99");
    expect(badgeLabel(100)).toBe("99+");
  });
});

describe("readTarget", () => {
  const reading = { newestSeq: 12, entry: { lastReadSeq: 7, unreadCount: 2 }, lastSent: undefined, atBottom: true, visible: true };

  it("marks the newest shown seq when it is in view and newer than what was read", () => {
    expect(readTarget(reading)).toBe(12);
    expect(readTarget({ ...reading, entry: undefined })).toBe(12);
  });

  it("marks nothing while scrolled up, hidden, or with nothing shown", () => {
    expect(readTarget({ ...reading, atBottom: false })).toBeNull();
    expect(readTarget({ ...reading, visible: false })).toBeNull();
    expect(readTarget({ ...reading, newestSeq: undefined })).toBeNull();
  });

  it("marks nothing already read or already sent", () => {
    expect(readTarget({ ...reading, entry: { lastReadSeq: 12, unreadCount: 0 } })).toBeNull();
    expect(readTarget({ ...reading, entry: { lastReadSeq: 12, unreadCount: 1 } })).toBeNull();
    expect(readTarget({ ...reading, lastSent: 12 })).toBeNull();
    expect(readTarget({ ...reading, lastSent: 11 })).toBe(12);
    expect(readTarget({ ...reading, entry: { lastReadSeq: 11, unreadCount: 0 } })).toBe(12);
  });
});
