import { afterEach, describe, expect, it, vi } from "vitest";
import { type ChatClient, createClient } from "../src/index.js";
import { ScriptedStomp } from "./scriptedStomp.js";

// A room's presence, typing and read-receipt subscriptions end when the last handler wanting them
// closes (the room's own subscription stays for the other handlers), and pendingSends() counts
// the transmissions of each send.

const ROOM = 7;
const TOPIC = `/topic/chat/${ROOM}`;
const PRESENCE = `${TOPIC}/presence`;
const TYPING = `${TOPIC}/typing`;
const READS = `${TOPIC}/reads`;
const SEND = `/app/chat/send/${ROOM}`;

let client: ChatClient | undefined;

afterEach(async () => {
  vi.useRealTimers();
  await client?.disconnect();
  client = undefined;
});

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

async function connected(server: ScriptedStomp): Promise<ChatClient> {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] }); // the scripted server's setImmediate stays real
  client = createClient({
    url: "ws://chat.test/ws",
    login: "alice",
    WebSocket: server.WebSocket,
    backoff: { initialDelayMs: 100, maxDelayMs: 1_000 },
  });
  await client.connect();
  return client;
}

describe("signal subscriptions", () => {
  it("end when the last handler wanting them closes, while the room stays subscribed", async () => {
    const server = new ScriptedStomp();
    const c = await connected(server);
    const typer = await c.subscribe(ROOM, { onMessage: () => undefined, onTyping: () => undefined, onReadReceipt: () => undefined }, { sinceSeq: 0 });
    const watcher = await c.subscribe(ROOM, { onMessage: () => undefined, onPresence: () => undefined, onReadReceipt: () => undefined }, { sinceSeq: 0 });
    const socket = server.socket;
    const typingId = socket.subscriptionOf(TYPING)!.headers.id;
    const presenceId = socket.subscriptionOf(PRESENCE)!.headers.id;
    const readsId = socket.subscriptionOf(READS)!.headers.id;
    const topicId = socket.subscriptionOf(TOPIC)!.headers.id;

    typer.close();
    await settle();
    expect(socket.unsubscribed()).toEqual([typingId]); // reads: the watcher still wants them
    expect(socket.subscriptionOf(TOPIC)).toBeDefined();

    const typer2 = await c.subscribe(ROOM, { onTyping: () => undefined }, { sinceSeq: 0 });
    expect(socket.subscribes(TYPING)).toHaveLength(2); // wanted again: subscribed again
    typer2.close();
    watcher.close();
    await settle();
    expect(new Set(socket.unsubscribed())).toEqual(new Set([typingId, socket.subscribes(TYPING)[1].headers.id, presenceId, readsId, topicId]));
  });

  it("ends a signal subscription nobody wants any more, and does not make it again after a reconnect", async () => {
    const server = new ScriptedStomp();
    const c = await connected(server);
    const reader = await c.subscribe(ROOM, { onMessage: () => undefined }, { sinceSeq: 0 });
    const typer = await c.subscribe(ROOM, { onTyping: () => undefined }, { sinceSeq: 0 });
    typer.close();
    await settle();
    expect(server.socket.unsubscribed()).toEqual([server.socket.subscribes(TYPING)[0].headers.id]);

    server.socket.drop();
    await settle();
    for (let i = 0; i < 10 && c.state.status !== "online"; i++) {
      await settle();
      await vi.advanceTimersToNextTimerAsync();
    }
    await settle();
    expect(server.sockets).toHaveLength(2);
    expect(server.socket.subscribes(TOPIC)).toHaveLength(1);
    expect(server.socket.subscribes(TYPING)).toEqual([]);
    reader.close();
  });
});

describe("pendingSends()", () => {
  it("counts the transmissions of a send and names the latest receipt id", async () => {
    const server = new ScriptedStomp();
    const c = await connected(server);
    await c.subscribe(ROOM, { onMessage: () => undefined }, { sinceSeq: 0 });
    server.holdReceipts((f) => f.command === "SEND");

    const sent = c.send(ROOM, "hello");
    await settle();
    const first = server.take(SEND);
    expect(c.pendingSends()).toEqual([expect.objectContaining({ content: "hello", attempts: 1, receiptId: first.headers.receipt })]);

    server.socket.drop(); // the receipt is lost with the connection: the send goes again
    for (let i = 0; i < 10 && server.heldFrames.length === 0; i++) {
      await settle();
      if (server.heldFrames.length > 0) break;
      await vi.advanceTimersToNextTimerAsync();
    }
    const second = server.take(SEND);
    expect(server.sockets).toHaveLength(2);
    expect(second.headers.receipt).not.toBe(first.headers.receipt);
    expect(c.pendingSends()).toEqual([expect.objectContaining({ attempts: 2, receiptId: second.headers.receipt })]);

    server.socket.deliver("RECEIPT", { "receipt-id": second.headers.receipt, "message-id": "m1", seq: "1", timestamp: "2026-12-08T00:00:00Z" });
    await expect(sent).resolves.toMatchObject({ seq: 1, id: "m1" });
    expect(c.pendingSends()).toEqual([]);
  });
});
