import { afterEach, describe, expect, it, vi } from "vitest";
import { type ChatClient, ChatError, type RoomHandlers, createClient } from "../src/index.js";
import { ScriptedStomp } from "./scriptedStomp.js";

// subscribe() resolves only once the server confirmed the room's subscription and every signal
// subscription (presence, typing, read receipts) its handlers need: these tests drive each way the
// wait can end against a scripted STOMP server.

const ROOM = 7;
const TOPIC = `/topic/chat/${ROOM}`;
const TYPING = `${TOPIC}/typing`;
const SIGNALS = [`${TOPIC}/presence`, TYPING, `${TOPIC}/reads`];

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

/** Retries the assertion until it holds (generous for a slow machine). */
function eventually(assertion: () => void): Promise<void> {
  return vi.waitFor(assertion, { timeout: 5_000, interval: 5 });
}

/** Lets every queued server message, and what the client does with it, run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
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

function codeOf(error: unknown): string | undefined {
  expect(error).toBeInstanceOf(ChatError);
  return (error as ChatError).code;
}

const noop = () => undefined;
const holdTyping = (server: ScriptedStomp) => server.holdReceipts((f) => f.headers.destination === TYPING);

/** A connected client whose subscribe() of the room waits for its typing receipt, which the server holds. */
async function waitingForTyping(handlers: RoomHandlers, sinceSeq = 0, subscribeTimeoutMs?: number) {
  const server = new ScriptedStomp();
  const c = await connected(server, subscribeTimeoutMs);
  holdTyping(server);
  const sub = track(c.subscribe(ROOM, handlers, { sinceSeq }));
  await eventually(() => expect(server.heldFrames).toHaveLength(1));
  return { server, c, sub };
}

describe("subscribe() waits for its signal subscriptions", () => {
  it("resolves only after the typing subscription's receipt, not the room's", async () => {
    const { server, sub } = await waitingForTyping({ onMessage: noop, onTyping: noop });
    await settle();
    expect(server.socket.subscribes(TOPIC)).toHaveLength(1); // answered at once
    expect(sub.state).toBe("pending");

    server.socket.receipt(server.take(TYPING).headers.receipt);
    await eventually(() => expect(sub.state).toBe("resolved"));
  });

  it("asks only for the signal subscriptions its handlers need", async () => {
    const server = new ScriptedStomp();
    const c = await connected(server);
    await c.subscribe(ROOM, { onMessage: noop }, { sinceSeq: 0 });
    const signalSubscribes = () => SIGNALS.filter((d) => server.socket.subscribes(d).length > 0);
    expect(signalSubscribes()).toEqual([]);
    await c.subscribe(ROOM, { onTyping: noop }, { sinceSeq: 0 });
    expect(signalSubscribes()).toEqual([TYPING]);
  });

  it("waits again when a second subscribe() adds a kind of handler", async () => {
    const server = new ScriptedStomp();
    const c = await connected(server);
    await c.subscribe(ROOM, { onMessage: noop }, { sinceSeq: 0 });
    holdTyping(server);
    const second = track(c.subscribe(ROOM, { onTyping: noop }, { sinceSeq: 0 }));
    await eventually(() => expect(server.heldFrames).toHaveLength(1));
    await settle();
    expect(second.state).toBe("pending");
    expect(server.socket.subscribes(TOPIC)).toHaveLength(1); // the room's subscription is shared

    server.socket.receipt(server.take(TYPING).headers.receipt);
    await eventually(() => expect(second.state).toBe("resolved"));
  });

  it("re-subscribes from an older seq while a signal receipt is pending, and one receipt releases both calls", async () => {
    const { server, c, sub: first } = await waitingForTyping({ onMessage: noop, onTyping: noop }, 5);
    const second = track(c.subscribe(ROOM, { onMessage: noop }, { sinceSeq: 2 }));
    await eventually(() => expect(server.socket.subscribes(TOPIC)).toHaveLength(2));
    await settle(); // the new room subscription's receipt is answered
    const [old, again] = server.socket.subscribes(TOPIC);
    expect(again.headers["since-seq"]).toBe("2");
    expect(server.socket.unsubscribed()).toEqual([old.headers.id]);
    expect(server.socket.subscribes(TYPING)).toHaveLength(1); // kept, still unconfirmed
    expect([first.state, second.state]).toEqual(["pending", "pending"]);

    server.socket.receipt(server.take(TYPING).headers.receipt);
    await eventually(() => expect([first.state, second.state]).toEqual(["resolved", "resolved"]));
  });

  it("rejects with the server's code when a signal subscription is refused, and forgets the room", async () => {
    const onRevoked = vi.fn();
    const { server, c, sub } = await waitingForTyping({ onTyping: noop, onRevoked });

    server.socket.refuse(server.take(TYPING).headers.receipt, "not-participant", "Not a participant of room 7");
    await eventually(() => expect(sub.state).toBe("rejected"));
    expect(codeOf(sub.error)).toBe("not-participant");
    expect(onRevoked).not.toHaveBeenCalled();
    // The server ended the room's subscriptions itself: the client sends no UNSUBSCRIBE, and a new
    // subscribe() starts afresh.
    expect(server.socket.unsubscribed()).toEqual([]);
    server.holdReceipts(() => false);
    await c.subscribe(ROOM, { onTyping: noop }, { sinceSeq: 0 });
    expect(server.socket.subscribes(TOPIC)).toHaveLength(2);
  });

  it("rejects with the server's code when the room's own subscription is refused, asking for no signals", async () => {
    const server = new ScriptedStomp();
    const c = await connected(server);
    server.holdReceipts((f) => f.headers.destination === TOPIC);
    const sub = track(c.subscribe(ROOM, { onTyping: noop }, { sinceSeq: 0 }));
    await eventually(() => expect(server.heldFrames).toHaveLength(1));

    server.socket.refuse(server.take(TOPIC).headers.receipt, "room-not-found", "No room 7");
    await eventually(() => expect(sub.state).toBe("rejected"));
    expect(codeOf(sub.error)).toBe("room-not-found");
    expect(server.socket.subscribes(TYPING)).toEqual([]);
  });

  it("rejects a waiting call with not-participant when the room is revoked, and tells only resolved ones", async () => {
    const server = new ScriptedStomp();
    const c = await connected(server);
    const revokedFirst = vi.fn();
    const revokedSecond = vi.fn();
    await c.subscribe(ROOM, { onMessage: noop, onRevoked: revokedFirst }, { sinceSeq: 0 });
    holdTyping(server);
    const second = track(c.subscribe(ROOM, { onTyping: noop, onRevoked: revokedSecond }, { sinceSeq: 0 }));
    await eventually(() => expect(server.heldFrames).toHaveLength(1));

    server.socket.revoke(ROOM, server.socket.subscriptionOf(TOPIC)!.headers.id);
    await eventually(() => expect(second.state).toBe("rejected"));
    expect(codeOf(second.error)).toBe("not-participant");
    expect(revokedFirst).toHaveBeenCalledWith(ROOM);
    expect(revokedSecond).not.toHaveBeenCalled();
  });

  it("ignores a revocation of an earlier subscription of the room", async () => {
    const onRevoked = vi.fn();
    const { server, sub } = await waitingForTyping({ onTyping: noop, onRevoked });

    server.socket.revoke(ROOM, "an-earlier-subscription");
    await settle();
    expect(sub.state).toBe("pending");
    server.socket.receipt(server.take(TYPING).headers.receipt);
    await eventually(() => expect(sub.state).toBe("resolved"));
    expect(onRevoked).not.toHaveBeenCalled();
  });

  it("tells onRevoked of a revocation that arrives with the last receipt, in one message", async () => {
    const onRevoked = vi.fn();
    const { server, sub } = await waitingForTyping({ onTyping: noop, onRevoked });

    // The wait is over with the receipt, but the call continues only after the revocation.
    const socket = server.socket;
    const receipt = server.take(TYPING).headers.receipt;
    socket.together(() => {
      socket.receipt(receipt);
      socket.revoke(ROOM, socket.subscriptionOf(TOPIC)!.headers.id);
    });
    await eventually(() => expect(sub.state).toBe("resolved"));
    await eventually(() => expect(onRevoked).toHaveBeenCalledWith(ROOM));
  });

  it("subscribes again after a reconnect during the wait and resolves on the new connection's receipt", async () => {
    const { server, sub } = await waitingForTyping({ onMessage: noop, onTyping: noop }, 3);

    server.socket.drop(); // the typing receipt is lost with the connection
    await eventually(() => expect(server.heldFrames).toHaveLength(2)); // the new connection's
    const second = server.socket;
    expect(server.sockets).toHaveLength(2);
    await settle();
    expect(sub.state).toBe("pending");
    expect(second.subscribes(TOPIC).map((f) => f.headers["since-seq"])).toEqual(["3"]);

    second.receipt(server.take(TYPING, second).headers.receipt);
    await eventually(() => expect(sub.state).toBe("resolved"));
  });

  it("rejects a waiting call with disconnected on disconnect()", async () => {
    const { server, c, sub } = await waitingForTyping({ onTyping: noop });

    await c.disconnect();
    await eventually(() => expect(sub.state).toBe("rejected"));
    expect(codeOf(sub.error)).toBe("disconnected");
  });

  it("times out when a signal subscription is never confirmed, and unsubscribes the room", async () => {
    const { server, sub } = await waitingForTyping({ onTyping: noop }, 0, 200);
    await eventually(() => expect(sub.state).toBe("rejected"));
    expect(codeOf(sub.error)).toBe("timeout");
    const ids = [server.socket.subscribes(TOPIC)[0].headers.id, server.socket.subscribes(TYPING)[0].headers.id];
    await eventually(() => expect(new Set(server.socket.unsubscribed())).toEqual(new Set(ids)));
  });
});
