import { afterEach, describe, expect, it, vi } from "vitest";
import { type ChatClient, ChatError, type RoomHandlers, createClient } from "../src/index.js";
import { ScriptedStomp } from "./scriptedStomp.js";

// subscribe() resolves only once the server confirmed the room's subscription and every signal
// subscription (presence, typing, read receipts) its handlers need: these tests drive each way the
// wait can end against a scripted STOMP server.

const ROOM = 7;
const TOPIC = `/topic/chat/${ROOM}`;
const TYPING = `${TOPIC}/typing`;

let client: ChatClient | undefined;

afterEach(async () => {
  await client?.disconnect();
  client = undefined;
});

async function connected(server: ScriptedStomp, subscribeTimeoutMs?: number): Promise<ChatClient> {
  client = createClient({
    url: "ws://chat.test/ws",
    login: "alice",
    WebSocket: server.WebSocket,
    backoff: { initialDelayMs: 1, maxDelayMs: 1 },
    subscribeTimeoutMs,
  });
  await client.connect();
  return client;
}

/** Lets every pending promise callback run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The promise's outcome so far, without waiting for it. */
function track<T>(promise: Promise<T>): { readonly state: "pending" | "resolved" | "rejected"; readonly error: unknown } {
  const t = { state: "pending" as "pending" | "resolved" | "rejected", error: undefined as unknown };
  promise.then(
    () => (t.state = "resolved"),
    (e) => {
      t.state = "rejected";
      t.error = e;
    },
  );
  return t;
}

const noop = () => undefined;

describe("subscribe() waits for its signal subscriptions", () => {
  it("resolves only after the typing subscription's receipt, not the room's", async () => {
    const server = new ScriptedStomp();
    const c = await connected(server);
    server.holdReceipts((f) => f.headers.destination === TYPING);
    const sub = track(c.subscribe(ROOM, { onMessage: noop, onTyping: noop }, { sinceSeq: 0 }));
    await vi.waitFor(() => expect(server.heldFrames).toHaveLength(1));
    await settle();
    expect(server.socket.subscribes(TOPIC)).toHaveLength(1); // answered at once
    expect(sub.state).toBe("pending");

    const { socket, frame } = server.take(TYPING);
    socket.receipt(frame.headers.receipt);
    await vi.waitFor(() => expect(sub.state).toBe("resolved"));
  });

  it("asks for no signal subscription a handler does not need", async () => {
    const server = new ScriptedStomp();
    const c = await connected(server);
    await c.subscribe(ROOM, { onMessage: noop }, { sinceSeq: 0 });
    expect(server.socket.frames.filter((f) => f.command === "SUBSCRIBE" && f.headers.destination.startsWith(`${TOPIC}/`))).toEqual([]);
  });

  it("waits again when a second subscribe() adds a kind of handler, and the first is not held up", async () => {
    const server = new ScriptedStomp();
    const c = await connected(server);
    await c.subscribe(ROOM, { onMessage: noop }, { sinceSeq: 0 });
    server.holdReceipts((f) => f.headers.destination === TYPING);
    const second = track(c.subscribe(ROOM, { onTyping: noop }, { sinceSeq: 0 }));
    await vi.waitFor(() => expect(server.heldFrames).toHaveLength(1));
    await settle();
    expect(second.state).toBe("pending");
    expect(server.socket.subscribes(TOPIC)).toHaveLength(1); // the room's subscription is shared

    const { socket, frame } = server.take(TYPING);
    socket.receipt(frame.headers.receipt);
    await vi.waitFor(() => expect(second.state).toBe("resolved"));
  });

  it("rejects with the server's code when a signal subscription is refused, and forgets the room", async () => {
    const server = new ScriptedStomp();
    const c = await connected(server);
    server.holdReceipts((f) => f.headers.destination === TYPING);
    const onRevoked = vi.fn();
    const sub = track(c.subscribe(ROOM, { onTyping: noop, onRevoked }, { sinceSeq: 0 }));
    await vi.waitFor(() => expect(server.heldFrames).toHaveLength(1));

    const { socket, frame } = server.take(TYPING);
    socket.userError({ code: "not-participant", receiptId: frame.headers.receipt, detail: "not a participant of room 7" });
    await vi.waitFor(() => expect(sub.state).toBe("rejected"));
    expect(sub.error).toBeInstanceOf(ChatError);
    expect((sub.error as ChatError).code).toBe("not-participant");
    expect(onRevoked).not.toHaveBeenCalled();
    // The server ended the room's subscriptions itself: the client sends no UNSUBSCRIBE, and a new
    // subscribe() starts afresh.
    expect(socket.frames.filter((f) => f.command === "UNSUBSCRIBE")).toEqual([]);
    server.holdReceipts(() => false);
    await c.subscribe(ROOM, { onTyping: noop }, { sinceSeq: 0 });
    expect(server.socket.subscribes(TOPIC)).toHaveLength(2);
  });

  it("rejects a waiting call with not-participant when the room is revoked, and tells only resolved ones", async () => {
    const server = new ScriptedStomp();
    const c = await connected(server);
    const revokedFirst = vi.fn();
    const revokedSecond = vi.fn();
    await c.subscribe(ROOM, { onMessage: noop, onRevoked: revokedFirst }, { sinceSeq: 0 });
    server.holdReceipts((f) => f.headers.destination === TYPING);
    const second = track(c.subscribe(ROOM, { onTyping: noop, onRevoked: revokedSecond }, { sinceSeq: 0 }));
    await vi.waitFor(() => expect(server.heldFrames).toHaveLength(1));

    const roomSubscription = server.socket.subscriptionOf(TOPIC)!.headers.id;
    server.socket.userError({ code: "subscription-revoked", roomId: ROOM, subscription: roomSubscription });
    await vi.waitFor(() => expect(second.state).toBe("rejected"));
    expect((second.error as ChatError).code).toBe("not-participant");
    expect(revokedFirst).toHaveBeenCalledWith(ROOM);
    expect(revokedSecond).not.toHaveBeenCalled();
  });

  it("subscribes again after a reconnect during the wait and resolves on the new connection's receipts", async () => {
    const server = new ScriptedStomp();
    const c = await connected(server);
    let holding = true;
    server.holdReceipts((f) => holding && f.headers.destination === TYPING);
    const sub = track(c.subscribe(ROOM, { onMessage: noop, onTyping: noop }, { sinceSeq: 3 }));
    await vi.waitFor(() => expect(server.heldFrames).toHaveLength(1));
    const first = server.socket;

    holding = false;
    first.drop(); // the typing receipt is lost with the connection
    await vi.waitFor(() => expect(sub.state).toBe("resolved"));
    expect(server.sockets).toHaveLength(2);
    const second = server.socket;
    expect(second.subscribes(TOPIC)).toHaveLength(1);
    expect(second.subscribes(TOPIC)[0].headers["since-seq"]).toBe("3");
    expect(second.subscribes(TYPING)).toHaveLength(1);
    // A late receipt of the old connection changes nothing (the client ignores it).
    expect(() => first.receipt(server.take(TYPING).frame.headers.receipt)).toThrow("closed");
  });

  it("times out when a signal subscription is never confirmed, and unsubscribes the room", async () => {
    const server = new ScriptedStomp();
    const c = await connected(server, 50);
    server.holdReceipts((f) => f.headers.destination === TYPING);
    const handlers: RoomHandlers = { onTyping: noop };
    const sub = track(c.subscribe(ROOM, handlers, { sinceSeq: 0 }));
    await vi.waitFor(() => expect(sub.state).toBe("rejected"));
    expect((sub.error as ChatError).code).toBe("timeout");
    const unsubscribed = new Set(server.socket.frames.filter((f) => f.command === "UNSUBSCRIBE").map((f) => f.headers.id));
    expect(unsubscribed).toEqual(new Set([server.socket.subscribes(TOPIC)[0].headers.id, server.socket.subscribes(TYPING)[0].headers.id]));
  });
});
