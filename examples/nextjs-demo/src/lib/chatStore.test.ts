import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ConnectionListener } from "./chatConnection";
import { INITIAL_STATE, transition } from "./reconnect";
import type { ChatMessage, Room, RoomSummary } from "./types";

// The store's collaborators replaced by scripted ones: the REST client and the STOMP connection.
const server = vi.hoisted(() => ({
  rooms: new Map<number, Room>(),
  listener: null as ConnectionListener | null,
  subscribed: [] as (number | null)[],
  abandoned: [] as number[],
  /** Read state per room in the room list of GET /api/rooms/user/{me}. */
  unread: new Map<number, { lastReadSeq: number; unreadCount: number }>(),
  recent: [] as ChatMessage[],
  typingSent: [] as [number, boolean][],
  readsSent: [] as [number, number][],
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
      myRooms: async () =>
        [...server.rooms.values()].filter((r) => r.participants.includes(me)).map((r) => ({ ...summary(r), ...server.unread.get(r.id) })),
      room: find,
      recent: async () => ({ messages: server.recent, hasMore: false }),
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
    abandonRoom(roomId: number) {
      server.abandoned.push(roomId);
    }
    send() {
      return true;
    }
    sendTyping(roomId: number, typing: boolean) {
      server.typingSent.push([roomId, typing]);
      return true;
    }
    markRead(roomId: number, seq: number) {
      server.readsSent.push([roomId, seq]);
      return true;
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
  server.unread.clear();
  server.subscribed = [];
  server.abandoned = [];
  server.recent = [];
  server.typingSent = [];
  server.readsSent = [];
});

function message(seq: number, sender: string, roomId = 1): ChatMessage {
  return { id: `m${seq}`, roomId, seq, sender, content: `hello ${seq}`, type: "CHAT", timestamp: "2026-12-04T12:00:00Z" };
}

function goOnline() {
  server.listener!.state(transition(transition(INITIAL_STATE, { type: "start" }), { type: "connected" }));
}

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
    expect(server.abandoned).toEqual([2]); // the server ends the subscriptions: no UNSUBSCRIBE
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
    expect(server.abandoned).toContain(5);
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

describe("ChatStore presence, typing and read state", () => {
  it("applies presence, typing and receipts of the open room only", async () => {
    server.rooms.set(1, room(1, "PUBLIC", ["alice", "bob"]));
    const bob = await signedIn("bob");
    await bob.openRoom(1);
    const l = server.listener!;
    l.presence(1, { type: "snapshot", online: ["bob"], count: 1 });
    l.presence(1, { type: "online", user: "alice", count: 2 });
    l.presence(2, { type: "offline", user: "alice", count: 0 });
    l.typing(1, { user: "alice", typing: true });
    l.typing(1, { user: "bob", typing: true });
    l.typing(2, { user: "carol", typing: true });
    l.readReceipt(1, { user: "alice", seq: 7 });
    const view = bob.getSnapshot().current!;
    expect([...view.presence.online]).toEqual(["bob", "alice"]);
    expect(view.presence.count).toBe(2);
    expect([...view.typing.until.keys()]).toEqual(["alice"]);
    expect(view.receipts.get("alice")).toBe(7);

    l.message(message(8, "alice"));
    expect([...bob.getSnapshot().current!.typing.until.keys()]).toEqual([]);
    bob.stop();
  });

  it("hides a typing user when no refresh comes", async () => {
    server.rooms.set(1, room(1, "PUBLIC", ["alice", "bob"]));
    const bob = await signedIn("bob");
    await bob.openRoom(1);
    vi.useFakeTimers();
    try {
      server.listener!.typing(1, { user: "alice", typing: true });
      vi.advanceTimersByTime(7_000);
      expect(bob.getSnapshot().current!.typing.until.size).toBe(1);
      vi.advanceTimersByTime(1_100);
      expect(bob.getSnapshot().current!.typing.until.size).toBe(0);
    } finally {
      vi.useRealTimers();
      bob.stop();
    }
  });

  it("tells the room when the user types and stops", async () => {
    server.rooms.set(1, room(1, "PUBLIC", ["alice", "bob"]));
    const bob = await signedIn("bob");
    await bob.openRoom(1);
    goOnline();
    bob.composerChanged("h");
    bob.composerChanged("hi");
    expect(server.typingSent).toEqual([[1, true]]);
    bob.send("hi");
    expect(server.typingSent).toEqual([
      [1, true],
      [1, false],
    ]);
    bob.composerChanged("again");
    bob.composerIdle();
    bob.composerIdle();
    expect(server.typingSent.slice(2)).toEqual([
      [1, true],
      [1, false],
    ]);
    bob.composerChanged("and again");
    bob.closeRoom();
    expect(server.typingSent.slice(4)).toEqual([
      [1, true],
      [1, false],
    ]);
    bob.stop();
  });

  it("lists unread counts, updates them and forgets left rooms", async () => {
    server.rooms.set(1, room(1, "PUBLIC", ["alice", "bob"]));
    server.rooms.set(2, room(2, "PUBLIC", ["alice", "bob"]));
    server.unread.set(1, { lastReadSeq: 3, unreadCount: 2 });
    server.unread.set(2, { lastReadSeq: -1, unreadCount: 0 });
    const bob = await signedIn("bob");
    expect(bob.getSnapshot().unread.get(1)).toEqual({ lastReadSeq: 3, unreadCount: 2 });
    server.listener!.readState({ roomId: 2, lastReadSeq: -1, unreadCount: 1 });
    expect(bob.getSnapshot().unread.get(2)?.unreadCount).toBe(1);
    await bob.openRoom(2);
    await bob.leaveRoom();
    expect(bob.getSnapshot().unread.has(2)).toBe(false);
    bob.stop();
  });

  it("marks the open room read when its newest message is in view", async () => {
    server.rooms.set(1, room(1, "PUBLIC", ["alice", "bob"]));
    server.unread.set(1, { lastReadSeq: 3, unreadCount: 2 });
    server.recent = [message(3, "alice"), message(4, "alice"), message(6, "alice")];
    const bob = await signedIn("bob");
    goOnline();
    vi.useFakeTimers();
    try {
      bob.setAtBottom(false);
      await bob.openRoom(1);
      vi.advanceTimersByTime(5_000);
      expect(server.readsSent).toEqual([]);
      bob.setAtBottom(true);
      vi.advanceTimersByTime(400);
      expect(server.readsSent).toEqual([[1, 6]]);
      server.listener!.readState({ roomId: 1, lastReadSeq: 6, unreadCount: 0 });
      server.listener!.message(message(9, "alice"));
      vi.advanceTimersByTime(400);
      expect(server.readsSent).toEqual([
        [1, 6],
        [1, 9],
      ]);
      vi.advanceTimersByTime(5_000);
      expect(server.readsSent.length).toBe(2);
    } finally {
      vi.useRealTimers();
      bob.stop();
    }
  });
});
