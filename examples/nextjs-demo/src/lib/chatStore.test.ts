import {
  type ChatClient,
  ChatError,
  type ChatMessage,
  type ClientEvents,
  type ConnectionState,
  type Room,
  type RoomHandlers,
  type RoomSummary,
  type SendOptions,
  type SubscribeOptions,
  INITIAL_STATE,
  UNKNOWN_PRESENCE,
  applyPresence,
} from "@chatstack/client";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ChatStore } from "./chatStore";

const IDLE: ConnectionState = INITIAL_STATE;
const ONLINE: ConnectionState = { ...IDLE, status: "online", everConnected: true };

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * The store's collaborator replaced by a scripted one: a ChatClient whose REST half answers from
 * an in-memory set of rooms and whose STOMP half records what the store asks and lets the test
 * play the server (events, room handlers, receipts).
 */
class FakeClient {
  state: ConnectionState = IDLE;
  readonly rooms = new Map<number, Room>();
  /** Read state per room in the room list of GET /api/rooms/user/{me}. */
  readonly unread = new Map<number, { lastReadSeq: number; unreadCount: number }>();
  recent: ChatMessage[] = [];
  readonly subscriptions: { roomId: number; handlers: RoomHandlers; sinceSeq?: number; closed: boolean; confirm: Deferred<void> }[] = [];
  readonly sends: { roomId: number; content: string; options: SendOptions; outcome: Deferred<ChatMessage> }[] = [];
  readonly typingSent: [number, boolean][] = [];
  readonly readsSent: [number, number][] = [];
  readonly changes: Deferred<never>[] = [];
  private readonly listeners = new Map<string, Set<(...args: never[]) => void>>();
  disconnected = false;

  constructor(private readonly me: string) {}

  on<K extends keyof ClientEvents>(event: K, listener: ClientEvents[K]): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as (...args: never[]) => void);
    return () => set.delete(listener as (...args: never[]) => void);
  }

  emit<K extends keyof ClientEvents>(event: K, ...args: Parameters<ClientEvents[K]>): void {
    for (const l of this.listeners.get(event) ?? []) (l as unknown as (...a: Parameters<ClientEvents[K]>) => void)(...args);
  }

  goOnline(reconnected = false): void {
    this.state = ONLINE;
    this.emit("state", ONLINE);
    this.emit("connected", { user: this.me, reconnected });
  }

  connect = async () => undefined;
  disconnect = async () => {
    this.disconnected = true;
  };
  retryNow() {}
  networkChanged() {}

  subscribe(roomId: number, handlers: RoomHandlers, options: SubscribeOptions = {}) {
    const entry = { roomId, handlers, sinceSeq: options.sinceSeq, closed: false, confirm: deferred<void>() };
    this.subscriptions.push(entry);
    return entry.confirm.promise.then(() => ({
      roomId,
      lastSeq: options.sinceSeq ?? -1,
      close: () => {
        entry.closed = true;
      },
    }));
  }

  /** The latest subscription of a room, confirmed by the server. */
  async confirmed(roomId: number) {
    const entry = this.subscriptions.filter((s) => s.roomId === roomId).at(-1)!;
    entry.confirm.resolve();
    await entry.confirm.promise;
    await Promise.resolve();
    return entry;
  }

  send(roomId: number, content: string, options: SendOptions = {}) {
    const outcome = deferred<ChatMessage>();
    this.sends.push({ roomId, content, options, outcome });
    return outcome.promise;
  }

  edit() {
    const d = deferred<never>();
    this.changes.push(d);
    return d.promise;
  }

  typing(roomId: number, typing: boolean) {
    this.typingSent.push([roomId, typing]);
    return this.state.status === "online";
  }

  markRead(roomId: number, seq: number) {
    this.readsSent.push([roomId, seq]);
    return new Promise(() => undefined);
  }

  private summary(r: Room): RoomSummary {
    const { participants: _, ...rest } = r;
    return rest;
  }

  private async find(id: number) {
    const room = this.rooms.get(id);
    if (!room || (room.visibility !== "PUBLIC" && !room.participants.includes(this.me))) {
      throw new ChatError(`Room ${id} not found`, "room-not-found", 404);
    }
    return room;
  }

  private async add(id: number, who: string) {
    const room = await this.find(id);
    room.participants = [...room.participants, who];
    room.participantCount = room.participants.length;
    return room;
  }

  readonly rest = {
    rooms: async () =>
      [...this.rooms.values()].filter((r) => r.visibility === "PUBLIC" || r.participants.includes(this.me)).map((r) => this.summary(r)),
    myRooms: async () =>
      [...this.rooms.values()].filter((r) => r.participants.includes(this.me)).map((r) => ({ ...this.summary(r), ...this.unread.get(r.id) })),
    room: (id: number) => this.find(id),
    history: async () => ({ messages: this.recent, hasMore: false }),
    join: (id: number) => this.add(id, this.me),
    invite: (id: number, who: string) => this.add(id, who),
    leave: async (id: number) => {
      const room = await this.find(id);
      room.participants = room.participants.filter((p) => p !== this.me);
      room.participantCount = room.participants.length;
    },
  };
}

let client: FakeClient;

function room(id: number, visibility: Room["visibility"], participants: string[], name = `room ${id}`): Room {
  return { id, name, createdBy: participants[0], createdAt: "2026-12-03T12:00:00Z", visibility, participants, participantCount: participants.length };
}

async function signedIn(me: string) {
  client = new FakeClient(me);
  for (const r of rooms) client.rooms.set(r.id, r);
  for (const [id, u] of unread) client.unread.set(id, u);
  client.recent = recent;
  const store = new ChatStore(me, client as unknown as ChatClient);
  store.start();
  await vi.waitFor(() => expect(store.getSnapshot().roomsStatus).toBe("ready"));
  return store;
}

let rooms: Room[];
let unread: Map<number, { lastReadSeq: number; unreadCount: number }>;
let recent: ChatMessage[];

beforeEach(() => {
  rooms = [];
  unread = new Map();
  recent = [];
});

function message(seq: number, sender: string, roomId = 1, extra: Partial<ChatMessage> = {}): ChatMessage {
  return { id: `m${seq}`, roomId, seq, sender, content: `hello ${seq}`, type: "CHAT", timestamp: "2026-12-04T12:00:00Z", ...extra };
}

describe("ChatStore rooms", () => {
  it("lists public rooms and own private ones, with memberships", async () => {
    rooms = [room(1, "PUBLIC", ["alice"]), room(2, "PRIVATE", ["alice", "bob"]), room(3, "PRIVATE", ["alice"]), room(4, "DIRECT", ["alice", "bob"], "alice & bob")];
    const bob = await signedIn("bob");
    const s = bob.getSnapshot();
    expect(s.rooms.map((r) => r.id)).toEqual([1, 2, 4]);
    expect([...s.memberOf].sort()).toEqual([2, 4]);
    expect(s.rooms.every((r) => !("participants" in r))).toBe(true);
  });

  it("subscribes the opened room from the newest loaded seq and closes it when another opens", async () => {
    rooms = [room(1, "PUBLIC", ["alice", "bob"]), room(2, "PUBLIC", ["alice", "bob"])];
    recent = [message(3, "alice"), message(7, "alice")];
    const bob = await signedIn("bob");
    await bob.openRoom(1);
    expect(client.subscriptions.map((s) => [s.roomId, s.sinceSeq])).toEqual([[1, 7]]);
    const first = await client.confirmed(1);
    client.recent = [];
    await bob.openRoom(2);
    expect(first.closed).toBe(true);
    expect(client.subscriptions.map((s) => [s.roomId, s.sinceSeq])).toEqual([
      [1, 7],
      [2, -1],
    ]);
    first.handlers.onMessage!(message(8, "alice"));
    expect(bob.getSnapshot().current?.messages).toEqual([]); // a closed subscription delivers nothing
  });

  it("applies participant deltas of the open room and closes it when the server revokes it", async () => {
    rooms = [room(2, "PRIVATE", ["alice", "bob"], "plans")];
    const bob = await signedIn("bob");
    await bob.openRoom(2);
    expect(bob.getSnapshot().current?.status).toBe("ready");
    const sub = await client.confirmed(2);

    const summary = (n: number): RoomSummary => ({ ...room(2, "PRIVATE", [], "plans"), participantCount: n });
    client.emit("roomEvent", { kind: "JOINED", room: summary(3), user: "carol" });
    expect(bob.getSnapshot().current?.room?.participants).toEqual(["alice", "bob", "carol"]);
    client.emit("roomEvent", { kind: "LEFT", room: summary(2), user: "alice" });
    expect(bob.getSnapshot().current?.room?.participants).toEqual(["bob", "carol"]);
    expect(bob.getSnapshot().rooms[0].participantCount).toBe(2);

    sub.handlers.onRevoked!(2);
    const s = bob.getSnapshot();
    expect(s.current).toBeNull();
    expect(s.rooms).toEqual([]);
    expect(s.closedByServer?.roomId).toBe(2);
    expect(s.notices.map((n) => [n.tone, n.text])).toEqual([["info", "You are no longer a participant of plans."]]);
    expect(sub.closed).toBe(false); // the server ended the subscriptions: no UNSUBSCRIBE
  });

  it("shows a room the user was added to and leaves without a notice", async () => {
    const bob = await signedIn("bob");
    client.rooms.set(5, room(5, "PRIVATE", ["alice", "bob"]));
    client.emit("roomEvent", { kind: "JOINED", room: { ...room(5, "PRIVATE", []), participantCount: 2 }, user: "bob" });
    expect(bob.getSnapshot().rooms.map((r) => r.id)).toEqual([5]);

    await bob.openRoom(5);
    const sub = await client.confirmed(5);
    const leaving = bob.leaveRoom();
    sub.handlers.onRevoked!(5); // the server's revocation may overtake the REST answer
    await leaving;
    expect(sub.closed).toBe(false);
    const s = bob.getSnapshot();
    expect(s.current).toBeNull();
    expect(s.rooms).toEqual([]);
    expect(s.notices).toEqual([]);
    expect(s.closedByServer).toBeNull();
  });

  it("leaving before the subscription is confirmed never unsubscribes it", async () => {
    rooms = [room(5, "PRIVATE", ["alice", "bob"])];
    const bob = await signedIn("bob");
    await bob.openRoom(5);
    await bob.leaveRoom();
    const sub = await client.confirmed(5);
    expect(sub.closed).toBe(false);
    expect(bob.getSnapshot().current).toBeNull();
  });

  it("joins a public room on opening; leaving keeps it listed", async () => {
    rooms = [room(1, "PUBLIC", ["alice"])];
    const bob = await signedIn("bob");
    await bob.openRoom(1);
    expect(client.rooms.get(1)?.participants).toEqual(["alice", "bob"]);
    expect(bob.getSnapshot().memberOf.has(1)).toBe(true);
    await bob.leaveRoom();
    expect(bob.getSnapshot().rooms.map((r) => r.id)).toEqual([1]);
    expect(bob.getSnapshot().memberOf.has(1)).toBe(false);
  });

  it("opening a room asks the server, not a room list that still counts the user in", async () => {
    rooms = [room(1, "PUBLIC", ["alice", "bob"], "lobby")];
    const bob = await signedIn("bob");
    expect(bob.getSnapshot().memberOf.has(1)).toBe(true);
    // removed meanwhile (e.g. banned) while the list has not heard of it yet
    client.rooms.get(1)!.participants = ["alice"];
    const join = vi.spyOn(client.rest, "join").mockRejectedValue(new ChatError("You are banned from this room", "banned", 403));
    await bob.openRoom(1);
    expect(join).toHaveBeenCalledWith(1);
    expect(bob.getSnapshot().current?.status).toBe("error");
    expect(bob.getSnapshot().current?.errorCode).toBe("banned");
  });

  it("a late LEFT of the user's own removal does not close the error of a refused rejoin", async () => {
    rooms = [room(1, "PUBLIC", ["alice", "bob"], "lobby")];
    const bob = await signedIn("bob");
    client.rooms.get(1)!.participants = ["alice"];
    vi.spyOn(client.rest, "join").mockRejectedValue(new ChatError("You are banned from this room", "banned", 403));
    await bob.openRoom(1);
    client.emit("roomEvent", { kind: "LEFT", room: { ...room(1, "PUBLIC", ["alice"], "lobby"), participantCount: 1 }, user: "bob" });
    const s = bob.getSnapshot();
    expect(s.current?.status).toBe("error");
    expect(s.current?.errorCode).toBe("banned");
    expect(s.memberOf.has(1)).toBe(false);
    expect(s.notices).toEqual([]);
  });

  it("a user removed while the room opens gets the removal notice when the server then refuses it", async () => {
    rooms = [room(1, "PUBLIC", ["alice", "bob"], "lobby")];
    const bob = await signedIn("bob");
    vi.spyOn(client.rest, "history").mockImplementation(async () => {
      client.rooms.get(1)!.participants = ["alice"];
      client.emit("roomEvent", { kind: "LEFT", room: { ...room(1, "PUBLIC", ["alice"], "lobby"), participantCount: 1 }, user: "bob" });
      throw new ChatError("bob is not a participant of room 1", "not-participant", 403);
    });
    await bob.openRoom(1);
    const s = bob.getSnapshot();
    expect(s.current).toBeNull();
    expect(s.memberOf.has(1)).toBe(false);
    expect(s.notices.map((n) => [n.tone, n.text])).toEqual([["info", "You are no longer a participant of lobby."]]);
  });

  it("a participant of a group room is known by the role the server reports, even beyond the listed participants", async () => {
    rooms = [room(1, "PUBLIC", ["alice"], "big room")];
    const bob = await signedIn("bob");
    client.rooms.get(1)!.role = "MEMBER"; // the participant list is capped; bob is not among the first
    const join = vi.spyOn(client.rest, "join");
    await bob.openRoom(1);
    expect(join).not.toHaveBeenCalled();
    expect(bob.getSnapshot().current?.status).toBe("ready");
  });

  it("closes the room with a notice when its subscription is refused", async () => {
    rooms = [room(1, "PUBLIC", ["alice", "bob"], "lobby")];
    const bob = await signedIn("bob");
    await bob.openRoom(1);
    client.subscriptions[0].confirm.reject(new ChatError("Not a participant", "not-participant"));
    await vi.waitFor(() => expect(bob.getSnapshot().current).toBeNull());
    expect(bob.getSnapshot().notices.map((n) => n.text)).toEqual(["You are no longer a participant of lobby."]);
  });

  it("subscribes again after a reconnect when the subscription timed out offline", async () => {
    rooms = [room(1, "PUBLIC", ["alice", "bob"])];
    recent = [message(4, "alice")];
    const bob = await signedIn("bob");
    await bob.openRoom(1);
    client.subscriptions[0].confirm.reject(new ChatError("No confirmation", "timeout"));
    await Promise.resolve();
    await Promise.resolve();
    expect(bob.getSnapshot().current?.status).toBe("ready");
    client.goOnline(true);
    expect(client.subscriptions.map((s) => [s.roomId, s.sinceSeq])).toEqual([
      [1, 4],
      [1, 4],
    ]);
  });
});

describe("ChatStore sending", () => {
  async function openLobby() {
    rooms = [room(1, "PUBLIC", ["alice", "bob"])];
    const bob = await signedIn("bob");
    client.goOnline();
    await bob.openRoom(1);
    await client.confirmed(1);
    return bob;
  }

  it("shows a send as pending until its receipt, then as sent until the message arrives", async () => {
    const bob = await openLobby();
    expect(bob.send("  hi there ", "m1")).toBe(true);
    const [send] = client.sends;
    expect([send.roomId, send.content, send.options.replyTo]).toEqual([1, "hi there", "m1"]);
    const clientMsgId = send.options.clientMsgId!;
    expect(clientMsgId).toMatch(/^[0-9a-f]{32}$/);
    expect(bob.getSnapshot().pending.map((p) => [p.content, p.retrying])).toEqual([["hi there", false]]);

    send.outcome.resolve(message(9, "bob", 1, { clientMsgId }));
    await vi.waitFor(() => expect(bob.getSnapshot().pending).toEqual([]));
    expect(bob.getSnapshot().echoes.map((e) => e.content)).toEqual(["hi there"]);

    client.subscriptions[0].handlers.onMessage!(message(9, "bob", 1, { content: "hi there", clientMsgId }));
    expect(bob.getSnapshot().echoes).toEqual([]);
    expect(bob.getSnapshot().current?.messages.map((m) => m.seq)).toEqual([9]);
  });

  it("settles a send whose message arrives before its receipt without an echo", async () => {
    const bob = await openLobby();
    bob.send("quick");
    const [send] = client.sends;
    const clientMsgId = send.options.clientMsgId!;
    client.subscriptions[0].handlers.onMessage!(message(5, "bob", 1, { content: "quick", clientMsgId }));
    send.outcome.resolve(message(5, "bob", 1, { clientMsgId }));
    await Promise.resolve();
    await Promise.resolve();
    const s = bob.getSnapshot();
    expect(s.pending).toEqual([]);
    expect(s.echoes).toEqual([]);
    expect(s.current?.messages.map((m) => m.content)).toEqual(["quick"]);
  });

  it("marks pending sends as retrying after a reconnect and reports a refused one", async () => {
    const bob = await openLobby();
    bob.send("first");
    client.goOnline(true);
    expect(bob.getSnapshot().pending.map((p) => p.retrying)).toEqual([true]);
    client.sends[0].outcome.reject(new ChatError("You are sending too fast", "rate-limited"));
    await vi.waitFor(() => expect(bob.getSnapshot().pending).toEqual([]));
    expect(bob.getSnapshot().notices.map((n) => n.text)).toEqual(['Your message "first" was not sent: You are sending too fast']);
  });

  it("discards a pending send quietly", async () => {
    const bob = await openLobby();
    bob.send("never mind");
    bob.discardPending(client.sends[0].options.clientMsgId!);
    expect(bob.getSnapshot().pending).toEqual([]);
    client.sends[0].outcome.reject(new ChatError("timeout", "timeout"));
    await Promise.resolve();
    await Promise.resolve();
    expect(bob.getSnapshot().notices).toEqual([]);
  });

  it("sends nothing while offline", async () => {
    rooms = [room(1, "PUBLIC", ["alice", "bob"])];
    const bob = await signedIn("bob");
    await bob.openRoom(1);
    expect(bob.send("hello")).toBe(false);
    expect(bob.editMessage("m1", "x")).toBe(false);
    expect(client.sends).toEqual([]);
  });

  it("applies change records and reports refused changes", async () => {
    recent = [message(3, "bob")];
    const bob = await openLobby();
    const handlers = client.subscriptions[0].handlers;
    handlers.onEdit!(message(4, "bob", 1, { type: "EDIT", targetId: "m3", content: "edited" }));
    expect(bob.getSnapshot().current?.messages[0].content).toBe("edited");
    expect(bob.editMessage("m3", "again")).toBe(true);
    client.changes[0].reject(new ChatError("The edit window has expired", "edit-window-expired"));
    await vi.waitFor(() => expect(bob.getSnapshot().notices.map((n) => n.text)).toEqual(["The edit window has expired"]));
  });

  it("stops the client on stop()", async () => {
    const bob = await openLobby();
    bob.stop();
    expect(client.disconnected).toBe(true);
  });
});

describe("ChatStore presence, typing and read state", () => {
  it("applies presence, typing and receipts of the open room", async () => {
    rooms = [room(1, "PUBLIC", ["alice", "bob"])];
    const bob = await signedIn("bob");
    await bob.openRoom(1);
    const h = (await client.confirmed(1)).handlers;
    let presence = applyPresence(UNKNOWN_PRESENCE, { type: "snapshot", online: ["bob"], count: 1 });
    h.onPresence!({ type: "snapshot", online: ["bob"], count: 1 }, presence);
    presence = applyPresence(presence, { type: "online", user: "alice", count: 2 });
    h.onPresence!({ type: "online", user: "alice", count: 2 }, presence);
    h.onTyping!({ user: "alice", typing: true });
    h.onTyping!({ user: "bob", typing: true });
    h.onReadReceipt!({ user: "alice", seq: 7 });
    const view = bob.getSnapshot().current!;
    expect([...view.presence.online]).toEqual(["bob", "alice"]);
    expect(view.presence.count).toBe(2);
    expect([...view.typing.until.keys()]).toEqual(["alice"]);
    expect(view.receipts.get("alice")).toBe(7);

    h.onMessage!(message(8, "alice"));
    expect([...bob.getSnapshot().current!.typing.until.keys()]).toEqual([]);
    bob.stop();
  });

  it("hides a typing user when no refresh comes", async () => {
    rooms = [room(1, "PUBLIC", ["alice", "bob"])];
    const bob = await signedIn("bob");
    await bob.openRoom(1);
    const h = (await client.confirmed(1)).handlers;
    vi.useFakeTimers();
    try {
      h.onTyping!({ user: "alice", typing: true });
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
    rooms = [room(1, "PUBLIC", ["alice", "bob"])];
    const bob = await signedIn("bob");
    await bob.openRoom(1);
    client.goOnline();
    bob.composerChanged("h");
    bob.composerChanged("hi");
    expect(client.typingSent).toEqual([[1, true]]);
    bob.send("hi");
    expect(client.typingSent).toEqual([
      [1, true],
      [1, false],
    ]);
    bob.composerChanged("again");
    bob.composerIdle();
    bob.composerIdle();
    expect(client.typingSent.slice(2)).toEqual([
      [1, true],
      [1, false],
    ]);
    bob.composerChanged("and again");
    bob.closeRoom();
    expect(client.typingSent.slice(4)).toEqual([
      [1, true],
      [1, false],
    ]);
    bob.stop();
  });

  it("lists unread counts, updates them and forgets left rooms", async () => {
    rooms = [room(1, "PUBLIC", ["alice", "bob"]), room(2, "PUBLIC", ["alice", "bob"])];
    unread.set(1, { lastReadSeq: 3, unreadCount: 2 });
    unread.set(2, { lastReadSeq: -1, unreadCount: 0 });
    const bob = await signedIn("bob");
    expect(bob.getSnapshot().unread.get(1)).toEqual({ lastReadSeq: 3, unreadCount: 2 });
    client.emit("readState", { roomId: 2, lastReadSeq: -1, unreadCount: 1 });
    expect(bob.getSnapshot().unread.get(2)?.unreadCount).toBe(1);
    await bob.openRoom(2);
    await bob.leaveRoom();
    expect(bob.getSnapshot().unread.has(2)).toBe(false);
    bob.stop();
  });

  it("marks the open room read when its newest message is in view", async () => {
    rooms = [room(1, "PUBLIC", ["alice", "bob"])];
    unread.set(1, { lastReadSeq: 3, unreadCount: 2 });
    recent = [message(3, "alice"), message(4, "alice"), message(6, "alice")];
    const bob = await signedIn("bob");
    client.goOnline();
    bob.setAtBottom(false);
    await bob.openRoom(1);
    const h = (await client.confirmed(1)).handlers;
    vi.useFakeTimers();
    try {
      vi.advanceTimersByTime(5_000);
      expect(client.readsSent).toEqual([]);
      bob.setAtBottom(true);
      vi.advanceTimersByTime(400);
      expect(client.readsSent).toEqual([[1, 6]]);
      client.emit("readState", { roomId: 1, lastReadSeq: 6, unreadCount: 0 });
      h.onMessage!(message(9, "alice"));
      vi.advanceTimersByTime(400);
      expect(client.readsSent).toEqual([
        [1, 6],
        [1, 9],
      ]);
      vi.advanceTimersByTime(5_000);
      expect(client.readsSent.length).toBe(2);
    } finally {
      vi.useRealTimers();
      bob.stop();
    }
  });
});

describe("ChatStore moderation", () => {
  async function openAs(me: string, r: Room) {
    rooms = [r];
    const store = await signedIn(me);
    client.goOnline();
    await store.openRoom(r.id);
    const sub = await client.confirmed(r.id);
    return { store, sub };
  }

  function system(seq: number, roomId: number, metadata: Record<string, unknown>, content: string): ChatMessage {
    return { ...message(seq, String(metadata.actor), roomId), type: "SYSTEM", content, metadata };
  }

  it("a muted send says so, with the code", async () => {
    const { store } = await openAs("bob", room(1, "PUBLIC", ["alice", "bob"], "lobby"));
    store.send("hello");
    client.sends[0].outcome.reject(new ChatError("You are muted in this room", "muted", 403));
    await vi.waitFor(() => expect(store.getSnapshot().notices).toHaveLength(1));
    expect(store.getSnapshot().notices[0]).toMatchObject({ code: "muted", text: 'You are muted in this room: your message "hello" was not sent.' });
  });

  it("a kicked user is told who removed them when the room closes", async () => {
    const { store, sub } = await openAs("bob", room(1, "PUBLIC", ["alice", "bob"], "lobby"));
    sub.handlers.onMessage!(system(5, 1, { action: "kick", actor: "alice", target: "bob" }, "bob was removed by alice"));
    expect(store.getSnapshot().current?.messages.at(-1)?.content).toBe("bob was removed by alice");
    client.emit("roomEvent", { kind: "LEFT", room: { ...room(1, "PUBLIC", ["alice"], "lobby"), participantCount: 1 }, user: "bob" });
    const s = store.getSnapshot();
    expect(s.current).toBeNull();
    expect(s.memberOf.has(1)).toBe(false);
    expect(s.notices.map((n) => [n.code, n.text])).toEqual([["kicked", "You were removed from lobby by alice."]]);
  });

  it("a ban of someone else is a message, nothing more", async () => {
    const { store, sub } = await openAs("bob", room(1, "PUBLIC", ["alice", "bob", "carol"], "lobby"));
    sub.handlers.onMessage!(system(5, 1, { action: "ban", actor: "alice", target: "carol" }, "carol was banned by alice"));
    expect(store.getSnapshot().current?.status).toBe("ready");
    expect(store.getSnapshot().notices).toEqual([]);
  });

  it("a deleted room leaves the list and closes with a notice", async () => {
    const { store } = await openAs("bob", room(1, "PRIVATE", ["alice", "bob"], "plans"));
    client.emit("roomEvent", { kind: "DELETED", room: { ...room(1, "PRIVATE", [], "plans"), participantCount: 2 }, user: "alice" });
    const s = store.getSnapshot();
    expect(s.current).toBeNull();
    expect(s.rooms).toEqual([]);
    expect(s.notices.map((n) => n.text)).toEqual(["plans was deleted by alice."]);
  });

  it("a rename shows the new name in the list and the open room", async () => {
    const { store } = await openAs("bob", room(1, "PUBLIC", ["alice", "bob"], "lobby"));
    client.rooms.get(1)!.name = "new lobby";
    client.emit("roomEvent", { kind: "CHANGED", room: { ...room(1, "PUBLIC", [], "new lobby"), participantCount: 2 }, user: "alice" });
    expect(store.getSnapshot().rooms[0].name).toBe("new lobby");
    expect(store.getSnapshot().current?.room?.name).toBe("new lobby");
  });
});
