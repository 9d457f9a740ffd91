import { afterEach, describe, expect, it, vi } from "vitest";
import { type ChatClient, ChatError, createClient } from "../src/index.js";
import { ScriptedStomp } from "./scriptedStomp.js";

// A refused room (re)subscription ends the room only for the codes saying the user may not read it;
// a passing refusal (unavailable: the room store or the log is down) is retried. And sinceSeq is
// checked before anything is sent.

const ROOM = 7;
const TOPIC = `/topic/chat/${ROOM}`;
const TYPING = `${TOPIC}/typing`;

let client: ChatClient | undefined;

afterEach(async () => {
  await client?.disconnect();
  client = undefined;
});

async function connected(server: ScriptedStomp): Promise<ChatClient> {
  client = createClient({
    url: "ws://chat.test/ws",
    login: "alice",
    WebSocket: server.WebSocket,
    backoff: { initialDelayMs: 1, maxDelayMs: 1 },
  });
  await client.connect();
  return client;
}

function eventually(assertion: () => void): Promise<void> {
  return vi.waitFor(assertion, { timeout: 5_000, interval: 5 });
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

async function rejection(promise: Promise<unknown>): Promise<ChatError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChatError);
  return error as ChatError;
}

const chat = (seq: number) => ({ id: `m${seq}`, roomId: ROOM, seq, sender: "bob", content: `hi ${seq}`, type: "CHAT", timestamp: "" });

/** A resolved subscription of the room whose re-subscription after a reconnect the server holds. */
async function resubscribing(onMessage = vi.fn(), onRevoked = vi.fn()) {
  const server = new ScriptedStomp();
  const c = await connected(server);
  await c.subscribe(ROOM, { onMessage, onRevoked }, { sinceSeq: 4 });
  server.holdReceipts((f) => f.headers.destination === TOPIC);
  server.socket.drop();
  await eventually(() => expect(server.heldFrames).toHaveLength(1));
  return { server, c, socket: server.socket, onMessage, onRevoked };
}

describe("a refused room subscription", () => {
  it("is subscribed again, from where it was, after a passing refusal (unavailable)", async () => {
    const { server, socket, onMessage, onRevoked } = await resubscribing();
    expect(server.sockets).toHaveLength(2);

    socket.refuse(server.take(TOPIC, socket).headers.receipt, "unavailable", "The room store is unavailable");
    await eventually(() => expect(server.heldFrames).toHaveLength(1)); // the retry's
    expect(socket.subscribes(TOPIC).map((f) => f.headers["since-seq"])).toEqual(["4", "4"]);
    expect(onRevoked).not.toHaveBeenCalled();
    expect(socket.unsubscribed()).toEqual([]); // the server has no subscription to end

    socket.receipt(server.take(TOPIC, socket).headers.receipt);
    await settle();
    socket.message(TOPIC, chat(5));
    await eventually(() => expect(onMessage).toHaveBeenCalledWith(expect.objectContaining({ seq: 5 })));
    expect(onRevoked).not.toHaveBeenCalled();
  });

  it.each(["not-participant", "room-not-found", "banned", "forbidden"])("ends the room with onRevoked when refused with %s", async (code) => {
    const { server, socket, onRevoked } = await resubscribing();

    socket.refuse(server.take(TOPIC, socket).headers.receipt, code, "You may not read room 7");
    await eventually(() => expect(onRevoked).toHaveBeenCalledWith(ROOM));
    await settle();
    expect(socket.subscribes(TOPIC)).toHaveLength(1); // no retry
  });

  it("rejects a waiting subscribe() with a passing code and keeps the room's other subscribers", async () => {
    const server = new ScriptedStomp();
    const c = await connected(server);
    const onMessage = vi.fn();
    const onRevoked = vi.fn();
    await c.subscribe(ROOM, { onMessage, onRevoked }, { sinceSeq: 0 });
    server.holdReceipts((f) => f.headers.destination === TYPING);
    const second = c.subscribe(ROOM, { onTyping: () => undefined }, { sinceSeq: 0 });
    await eventually(() => expect(server.heldFrames).toHaveLength(1));

    server.socket.refuse(server.take(TYPING).headers.receipt, "unavailable", "Presence is unavailable");
    expect((await rejection(second)).code).toBe("unavailable");
    await settle();
    expect(onRevoked).not.toHaveBeenCalled();
    expect(server.socket.unsubscribed()).toEqual([]); // the room's subscription stays
    server.socket.message(TOPIC, chat(1));
    await eventually(() => expect(onMessage).toHaveBeenCalledWith(expect.objectContaining({ seq: 1 })));
  });

  it("rejects a first subscribe() refused with a passing code and does not retry it", async () => {
    const server = new ScriptedStomp();
    const c = await connected(server);
    server.holdReceipts((f) => f.headers.destination === TOPIC);
    const sub = c.subscribe(ROOM, { onMessage: () => undefined }, { sinceSeq: 0 });
    await eventually(() => expect(server.heldFrames).toHaveLength(1));

    server.socket.refuse(server.take(TOPIC).headers.receipt, "unavailable", "The room store is unavailable");
    expect((await rejection(sub)).code).toBe("unavailable");
    await settle();
    expect(server.socket.subscribes(TOPIC)).toHaveLength(1); // nobody wants the room any more
  });
});

describe("subscribe() checks sinceSeq", () => {
  it.each([1.5, -2, Number.NaN, Number.POSITIVE_INFINITY])("rejects %s with invalid-since-seq and sends nothing", async (sinceSeq) => {
    const server = new ScriptedStomp();
    const c = await connected(server);
    const error = await rejection(c.subscribe(ROOM, { onMessage: () => undefined }, { sinceSeq }));
    expect(error.code).toBe("invalid-since-seq");
    await settle();
    expect(server.socket.subscribes(TOPIC)).toEqual([]);
  });

  it("accepts -1 (the whole history)", async () => {
    const server = new ScriptedStomp();
    const c = await connected(server);
    await c.subscribe(ROOM, { onMessage: () => undefined }, { sinceSeq: -1 });
    expect(server.socket.subscribes(TOPIC).map((f) => f.headers["since-seq"])).toEqual(["-1"]);
  });
});
