import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ConnectionListener } from "./chatConnection";
import type { Room, RoomSummary } from "./types";

// The store's collaborators replaced by scripted ones: the REST client and the STOMP connection.
const server = vi.hoisted(() => ({
  rooms: new Map<number, Room>(),
  listener: null as ConnectionListener | null,
  subscribed: [] as (number | null)[],
}));

vi.mock("./api", () => ({
  chatApi: (me: string) => {
    const summary = (r: Room): RoomSummary => {
      const { participants: _, ...rest } = r;
      return rest;
    };
    const find = async (id: number) => {
      const room = server.rooms.get(id);
      if (!room || (room.visibility !== "PUBLIC" && !room.participants.includes(me))) {
        throw Object.assign(new Error(`Room ${id} not found`), { status: 404 });
      }
      return room;
    };
    return {
      rooms: async () => [...server.rooms.values()].filter((r) => r.visibility === "PUBLIC" || r.participants.includes(me)).map(summary),
      myRooms: async () => [...server.rooms.values()].filter((r) => r.participants.includes(me)).map(summary),
      room: find,
      recent: async () => ({ messages: [], hasMore: false }),
      addParticipant: async (id: number, who: string) => {
        const room = await find(id);
        room.participants = [...room.participants, who];
        room.participantCount = room.participants.length;
        return room;
      },
      leave: async (id: number) => {
        const room = await find(id);
        room.participants = room.participants.filter((p) => p !== me);
        room.participantCount = room.participants.length;
        return room;
      },
    };
  },
}));

vi.mock("./chatConnection", () => ({
  ChatConnection: class {
    constructor(_user: string, listener: ConnectionListener) {
      server.listener = listener;
    }
    start() {}
    stop() {}
    setRoom(roomId: number | null) {
      server.subscribed.push(roomId);
    }
  },
}));

const { ChatStore } = await import("./chatStore");

function room(id: number, visibility: Room["visibility"], participants: string[], name = `room ${id}`): Room {
  return { id, name, createdBy: participants[0], createdAt: "2026-12-03T12:00:00Z", visibility, participants, participantCount: participants.length };
}

async function signedIn(me: string) {
  const store = new ChatStore(me);
  store.start();
  await vi.waitFor(() => expect(store.getSnapshot().roomsStatus).toBe("ready"));
  return store;
}

beforeEach(() => {
  server.rooms.clear();
  server.subscribed = [];
});

describe("ChatStore rooms", () => {
  it("lists public rooms and own private ones, with memberships", async () => {
    server.rooms.set(1, room(1, "PUBLIC", ["alice"]));
    server.rooms.set(2, room(2, "PRIVATE", ["alice", "bob"]));
    server.rooms.set(3, room(3, "PRIVATE", ["alice"]));
    server.rooms.set(4, room(4, "DIRECT", ["alice", "bob"], "alice & bob"));
    const bob = await signedIn("bob");
    const s = bob.getSnapshot();
    expect(s.rooms.map((r) => r.id)).toEqual([1, 2, 4]);
    expect([...s.memberOf].sort()).toEqual([2, 4]);
    expect(s.rooms.every((r) => !("participants" in r))).toBe(true);
  });

  it("applies participant deltas of the open room and closes it when the server revokes it", async () => {
    server.rooms.set(2, room(2, "PRIVATE", ["alice", "bob"], "plans"));
    const bob = await signedIn("bob");
    await bob.openRoom(2);
    expect(bob.getSnapshot().current?.status).toBe("ready");

    const summary = (n: number): RoomSummary => ({ ...room(2, "PRIVATE", [], "plans"), participantCount: n });
    server.listener!.roomEvent({ kind: "JOINED", room: summary(3), user: "carol" });
    expect(bob.getSnapshot().current?.room?.participants).toEqual(["alice", "bob", "carol"]);
    server.listener!.roomEvent({ kind: "LEFT", room: summary(2), user: "alice" });
    expect(bob.getSnapshot().current?.room?.participants).toEqual(["bob", "carol"]);
    expect(bob.getSnapshot().rooms[0].participantCount).toBe(2);

    server.listener!.revoked(2);
    const s = bob.getSnapshot();
    expect(s.current).toBeNull();
    expect(s.rooms).toEqual([]);
    expect(s.closedByServer?.roomId).toBe(2);
    expect(s.notices.map((n) => [n.tone, n.text])).toEqual([["info", "You are no longer a participant of plans."]]);
    expect(server.subscribed.at(-1)).toBeNull();
  });

  it("shows a room the user was added to and leaves without a notice", async () => {
    const bob = await signedIn("bob");
    server.rooms.set(5, room(5, "PRIVATE", ["alice", "bob"]));
    server.listener!.roomEvent({ kind: "JOINED", room: { ...room(5, "PRIVATE", []), participantCount: 2 }, user: "bob" });
    expect(bob.getSnapshot().rooms.map((r) => r.id)).toEqual([5]);

    await bob.openRoom(5);
    const leaving = bob.leaveRoom();
    server.listener!.revoked(5); // the server's revocation may overtake the REST answer
    await leaving;
    const s = bob.getSnapshot();
    expect(s.current).toBeNull();
    expect(s.rooms).toEqual([]);
    expect(s.notices).toEqual([]);
    expect(s.closedByServer).toBeNull();
  });

  it("joins a public room on opening; leaving keeps it listed", async () => {
    server.rooms.set(1, room(1, "PUBLIC", ["alice"]));
    const bob = await signedIn("bob");
    await bob.openRoom(1);
    expect(server.rooms.get(1)?.participants).toEqual(["alice", "bob"]);
    expect(bob.getSnapshot().memberOf.has(1)).toBe(true);
    await bob.leaveRoom();
    expect(bob.getSnapshot().rooms.map((r) => r.id)).toEqual([1]);
    expect(bob.getSnapshot().memberOf.has(1)).toBe(false);
  });
});
