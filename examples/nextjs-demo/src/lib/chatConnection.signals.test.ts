import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ConnectionListener } from "./chatConnection";

// A scripted stand-in for the stompjs Client: records SUBSCRIBE / UNSUBSCRIBE / SEND and lets the
// test deliver frames, as the server would.
const stomp = vi.hoisted(() => {
  type Handler = (frame: { body: string; headers: Record<string, string> }) => void;
  const state = {
    clients: [] as FakeClient[],
  };
  class FakeClient {
    connected = false;
    nextId = 0;
    subscriptions = new Map<string, { destination: string; handler: Handler }>();
    unsubscribed: string[] = [];
    published: { destination: string; body: string }[] = [];
    constructor(readonly config: { onConnect: () => void; onWebSocketClose: (e?: unknown) => void }) {
      state.clients.push(this);
    }
    activate() {}
    deactivate() {
      return Promise.resolve();
    }
    connect() {
      this.connected = true;
      this.config.onConnect();
    }
    subscribe(destination: string, handler: Handler) {
      const id = `sub-${this.nextId++}`;
      this.subscriptions.set(id, { destination, handler });
      return {
        id,
        unsubscribe: () => {
          this.unsubscribed.push(destination);
          this.subscriptions.delete(id);
        },
      };
    }
    publish({ destination, body }: { destination: string; body: string }) {
      this.published.push({ destination, body });
    }
    watchForReceipt() {}
    /** The id of the (live) subscription to a destination. */
    idOf(destination: string): string {
      const found = [...this.subscriptions].find(([, s]) => s.destination === destination);
      if (!found) throw new Error(`not subscribed to ${destination}`);
      return found[0];
    }
    deliver(destination: string, body: unknown, id = this.idOf(destination)) {
      this.subscriptions.get(id)?.handler({ body: JSON.stringify(body), headers: { subscription: id } });
    }
    destinations() {
      return [...this.subscriptions.values()].map((s) => s.destination);
    }
  }
  return { state, FakeClient };
});

vi.mock("@stomp/stompjs", () => ({ Client: stomp.FakeClient }));
vi.mock("sockjs-client", () => ({ default: class {} }));

const { ChatConnection } = await import("./chatConnection");

type Events = { revoked: number[]; presence: unknown[]; typing: unknown[]; receipts: unknown[]; readStates: unknown[]; messages: unknown[] };

function listener(events: Events): ConnectionListener {
  return {
    state: () => undefined,
    ready: () => undefined,
    message: (m) => events.messages.push(m),
    roomEvent: () => undefined,
    serverError: () => undefined,
    receipt: () => undefined,
    revoked: (roomId) => events.revoked.push(roomId),
    presence: (roomId, event) => events.presence.push([roomId, event]),
    typing: (roomId, event) => events.typing.push([roomId, event]),
    readReceipt: (roomId, receipt) => events.receipts.push([roomId, receipt]),
    readState: (update) => events.readStates.push(update),
  };
}

async function connected(events: Events) {
  const connection = new ChatConnection("bob", listener(events), () => undefined);
  connection.start();
  await vi.waitFor(() => expect(stomp.state.clients.length).toBeGreaterThan(0));
  const client = stomp.state.clients.at(-1)!;
  client.connect();
  return { connection, client };
}

const signals = (roomId: number) => [`/topic/chat/${roomId}/presence`, `/topic/chat/${roomId}/typing`, `/topic/chat/${roomId}/reads`];

let events: Events;
beforeEach(() => {
  stomp.state.clients = [];
  events = { revoked: [], presence: [], typing: [], receipts: [], readStates: [], messages: [] };
});

describe("ChatConnection signal subscriptions", () => {
  it("subscribes the read state once connected and a room with its signals; switching unsubscribes them", async () => {
    const { connection, client } = await connected(events);
    expect(client.destinations()).toContain("/user/queue/read-state");
    connection.setRoom(3);
    expect(client.destinations()).toEqual(expect.arrayContaining(["/topic/chat/3", ...signals(3)]));
    connection.setRoom(4);
    expect(client.unsubscribed.sort()).toEqual(["/topic/chat/3", ...signals(3)].sort());
    expect(client.destinations()).toEqual(expect.arrayContaining(["/topic/chat/4", ...signals(4)]));
    connection.stop();
  });

  it("hands valid signal frames to the listener and drops broken ones", async () => {
    const { connection, client } = await connected(events);
    connection.setRoom(3);
    client.deliver("/topic/chat/3/presence", { type: "snapshot", online: ["bob"], count: 1 });
    client.deliver("/topic/chat/3/presence", { type: "snapshot" });
    client.deliver("/topic/chat/3/typing", { user: "alice", typing: true });
    client.deliver("/topic/chat/3/reads", { user: "alice", seq: 7 });
    client.deliver("/user/queue/read-state", { roomId: 3, lastReadSeq: 7, unreadCount: 0 });
    client.deliver("/user/queue/read-state", { roomId: 3 });
    expect(events.presence).toEqual([[3, { type: "snapshot", online: ["bob"], count: 1 }]]);
    expect(events.typing).toEqual([[3, { user: "alice", typing: true }]]);
    expect(events.receipts).toEqual([[3, { user: "alice", seq: 7 }]]);
    expect(events.readStates).toEqual([{ roomId: 3, lastReadSeq: 7, unreadCount: 0 }]);
    connection.stop();
  });

  it("sends typing and read marks", async () => {
    const { connection, client } = await connected(events);
    expect(connection.sendTyping(3, true)).toBe(true);
    expect(connection.markRead(3, 12)).toBe(true);
    expect(client.published).toEqual([
      { destination: "/app/chat/typing/3", body: '{"typing":true}' },
      { destination: "/app/chat/read/3", body: '{"seq":12}' },
    ]);
    connection.stop();
    expect(connection.markRead(3, 13)).toBe(false);
  });

  it("a revoked signal subscription abandons the room without UNSUBSCRIBE and ignores the other revocations", async () => {
    const { connection, client } = await connected(events);
    connection.setRoom(3);
    const typingId = client.idOf("/topic/chat/3/typing");
    const roomSubId = client.idOf("/topic/chat/3");
    const presenceId = client.idOf("/topic/chat/3/presence");
    const revoke = (subscription: string) =>
      client.deliver("/user/queue/errors", { code: "subscription-revoked", roomId: 3, subscription });
    revoke(typingId);
    expect(events.revoked).toEqual([3]);
    expect(client.unsubscribed).toEqual([]); // the server ends them all; an UNSUBSCRIBE would race with that
    revoke(roomSubId);
    revoke(presenceId);
    expect(events.revoked).toEqual([3]);
    client.deliver("/topic/chat/3/presence", { type: "offline", user: "alice", count: 1 }, presenceId);
    expect(events.presence).toEqual([]); // frames of abandoned subscriptions are dropped
    connection.setRoom(null);
    expect(client.unsubscribed).toEqual([]);
    connection.stop();
  });

  it("ignores revocations of subscriptions it does not hold", async () => {
    const { connection, client } = await connected(events);
    connection.setRoom(3);
    client.deliver("/user/queue/errors", { code: "subscription-revoked", roomId: 3, subscription: "sub-old" });
    client.deliver("/user/queue/errors", { code: "subscription-revoked", roomId: 4, subscription: client.idOf("/topic/chat/3/reads") });
    expect(events.revoked).toEqual([]);
    connection.stop();
  });

  it("subscribes the room and its signals again after a reconnect (a fresh presence snapshot)", async () => {
    const { connection, client } = await connected(events);
    connection.setRoom(3);
    client.connected = false;
    client.config.onWebSocketClose();
    await vi.waitFor(() => expect(stomp.state.clients.length).toBe(2), { timeout: 5_000 });
    const second = stomp.state.clients[1];
    second.connect();
    expect(second.destinations()).toEqual(expect.arrayContaining(["/user/queue/read-state", "/topic/chat/3", ...signals(3)]));
    connection.stop();
  });
});
