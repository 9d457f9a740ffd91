import { describe, expect, it } from "vitest";
import type { RoomSummary } from "../src/types.js";
import {
  NO_UNREAD,
  applyReadState,
  forgetUnread,
  parseReadStateUpdate,
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

});

