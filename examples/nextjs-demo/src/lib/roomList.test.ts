import { describe, expect, it } from "vitest";
import {
  EMPTY_ROOM_LIST,
  afterLeaving,
  applyRoomEvent,
  applyToOpenRoom,
  roomListOf,
  summaryOf,
  upsertRoom,
} from "./roomList";
import type { Room, RoomEvent, RoomSummary, RoomVisibility } from "@chatstack/client";

function summary(id: number, visibility: RoomVisibility = "PUBLIC", participantCount = 1, createdBy = "alice"): RoomSummary {
  return { id, name: `room ${id}`, createdBy, createdAt: "2026-12-03T12:00:00Z", visibility, participantCount };
}

function event(kind: RoomEvent["kind"], room: RoomSummary, user: string | null = null): RoomEvent {
  return { kind, room, user };
}

const ids = (state: { rooms: readonly RoomSummary[] }) => state.rooms.map((r) => r.id);

describe("roomListOf", () => {
  it("merges visible and own rooms, sorted by id; own ones are memberships", () => {
    const state = roomListOf([summary(3), summary(1), summary(2, "PRIVATE")], [summary(3), summary(4, "DIRECT")]);
    expect(ids(state)).toEqual([1, 2, 3, 4]);
    expect([...state.memberOf].sort()).toEqual([2, 3, 4]);
    expect(state.memberOf.has(1)).toBe(false);
    expect(state.memberOf.has(3)).toBe(true);
  });
});

describe("applyRoomEvent", () => {
  it("lists created rooms; the creator is a member, others are not", () => {
    const mine = applyRoomEvent(EMPTY_ROOM_LIST, event("CREATED", summary(1, "PUBLIC", 1, "bob")), "bob");
    expect(ids(mine)).toEqual([1]);
    expect(mine.memberOf.has(1)).toBe(true);
    const theirs = applyRoomEvent(EMPTY_ROOM_LIST, event("CREATED", summary(1, "PUBLIC", 1, "alice")), "bob");
    expect(ids(theirs)).toEqual([1]);
    expect(theirs.memberOf.has(1)).toBe(false);
  });

  it("a private or direct room arriving means the user was added to it", () => {
    let state = applyRoomEvent(EMPTY_ROOM_LIST, event("JOINED", summary(5, "PRIVATE", 2), "bob"), "bob");
    expect(ids(state)).toEqual([5]);
    expect(state.memberOf.has(5)).toBe(true);
    state = applyRoomEvent(state, event("CREATED", summary(6, "DIRECT", 2)), "bob");
    expect(ids(state)).toEqual([5, 6]);
    expect(state.memberOf.has(6)).toBe(true);
  });

  it("updates counts on others joining and leaving without touching membership", () => {
    let state = roomListOf([summary(1, "PUBLIC", 1)], []);
    state = applyRoomEvent(state, event("JOINED", summary(1, "PUBLIC", 2), "carol"), "bob");
    expect(state.rooms[0].participantCount).toBe(2);
    expect(state.memberOf.has(1)).toBe(false);
    state = applyRoomEvent(state, event("JOINED", summary(1, "PUBLIC", 3), "bob"), "bob");
    expect(state.memberOf.has(1)).toBe(true);
    state = applyRoomEvent(state, event("LEFT", summary(1, "PUBLIC", 2), "carol"), "bob");
    expect(state.rooms[0].participantCount).toBe(2);
    expect(state.memberOf.has(1)).toBe(true);
  });

  it("leaving a public room keeps it listed; leaving a private one removes it", () => {
    let state = roomListOf([summary(1), summary(2, "PRIVATE", 2)], [summary(1)]);
    state = applyRoomEvent(state, event("LEFT", summary(1, "PUBLIC", 0), "bob"), "bob");
    expect(ids(state)).toEqual([1, 2]);
    expect(state.memberOf.has(1)).toBe(false);
    state = applyRoomEvent(state, event("LEFT", summary(2, "PRIVATE", 1), "bob"), "bob");
    expect(ids(state)).toEqual([1]);
    expect(state.memberOf.has(2)).toBe(false);
  });

  it("ignores unknown kinds", () => {
    const state = roomListOf([summary(1)], []);
    const unknown = { kind: "RENAMED", room: summary(1), user: null } as unknown as RoomEvent;
    expect(applyRoomEvent(state, unknown, "bob")).toBe(state);
  });
});

describe("afterLeaving and upsertRoom", () => {
  it("drops a room of unknown visibility and strips participant lists", () => {
    const room: Room = { ...summary(7, "PUBLIC", 2), participants: ["alice", "bob"] };
    const state = upsertRoom(EMPTY_ROOM_LIST, room);
    expect(state.rooms[0]).toEqual(summaryOf(room));
    expect("participants" in state.rooms[0]).toBe(false);
    expect(ids(afterLeaving(state, undefined, 7))).toEqual([]);
  });
});

describe("applyToOpenRoom", () => {
  const open: Room = { ...summary(1, "PRIVATE", 2), participants: ["alice", "bob"] };

  it("adds and removes the participant of the delta and takes the new count", () => {
    const joined = applyToOpenRoom(open, event("JOINED", summary(1, "PRIVATE", 3), "carol"));
    expect(joined.participants).toEqual(["alice", "bob", "carol"]);
    expect(joined.participantCount).toBe(3);
    const again = applyToOpenRoom(joined, event("JOINED", summary(1, "PRIVATE", 3), "carol"));
    expect(again.participants).toEqual(["alice", "bob", "carol"]);
    const left = applyToOpenRoom(joined, event("LEFT", summary(1, "PRIVATE", 2), "alice"));
    expect(left.participants).toEqual(["bob", "carol"]);
    expect(left.participantCount).toBe(2);
  });

  it("ignores events of other rooms", () => {
    expect(applyToOpenRoom(open, event("JOINED", summary(2), "carol"))).toBe(open);
  });
});

describe("moderation room events", () => {
  it("CHANGED renames a listed room and keeps the membership; DELETED removes it", () => {
    const state = roomListOf([summary(1), summary(2, "PRIVATE")], [summary(1)]);
    const renamed = applyRoomEvent(state, event("CHANGED", { ...summary(1), name: "new name" }, "alice"), "bob");
    expect(renamed.rooms.find((r) => r.id === 1)?.name).toBe("new name");
    expect(renamed.memberOf.has(1)).toBe(true);
    const deleted = applyRoomEvent(renamed, event("DELETED", summary(2, "PRIVATE"), "alice"), "bob");
    expect(ids(deleted)).toEqual([1]);
    expect(deleted.memberOf.has(2)).toBe(false);
  });

  it("CHANGED of a room not listed adds nothing", () => {
    const state = roomListOf([summary(1)], []);
    expect(applyRoomEvent(state, event("CHANGED", summary(5, "PRIVATE"), "x"), "bob")).toBe(state);
  });

  it("summaryOf keeps the user's role only when given", () => {
    expect(summaryOf({ ...summary(1), role: "MODERATOR" }).role).toBe("MODERATOR");
    expect("role" in summaryOf(summary(1))).toBe(false);
  });
});

describe("applyToOpenRoom and roles", () => {
  it("keeps the user's own role of the open room", () => {
    const open: Room = { ...summary(1), role: "OWNER", participants: ["alice"] };
    const next = applyToOpenRoom(open, event("CHANGED", { ...summary(1), name: "x", role: "MEMBER" }, "alice"));
    expect(next.role).toBe("OWNER");
    expect(next.name).toBe("x");
  });
});
