import { afterEach, describe, expect, it, vi } from "vitest";
import { type ChatClient, ChatError, createClient } from "../src/index.js";
import { ScriptedStomp } from "./scriptedStomp.js";

// A server that closes every new connection right after CONNECTED (here: it answers the room's
// re-subscription with a fatal ERROR, too-many-subscriptions, and closes) must not be reconnected
// to in a tight loop: only a connection that stayed up a while resets the back-off. And an ERROR
// answering one of the client's frames (its receipt-id) fails that call with the ERROR's code.

const ROOM = 7;
const TOPIC = `/topic/chat/${ROOM}`;

let client: ChatClient | undefined;

afterEach(async () => {
  vi.useRealTimers();
  await client?.disconnect();
  client = undefined;
});

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

/** Lets the scripted server answer, then runs fake timers one at a time until {@code count} connections were opened. */
async function untilConnections(server: ScriptedStomp, count: number): Promise<void> {
  for (let i = 0; i < 100 && server.sockets.length < count; i++) {
    await settle();
    if (server.sockets.length >= count) break;
    await vi.advanceTimersToNextTimerAsync();
  }
  await settle();
  expect(server.sockets).toHaveLength(count);
}

describe("connections the server closes right after CONNECTED", () => {
  it("are reconnected with a growing delay; the loss of one that stayed up is retried at once", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] }); // the scripted server's setImmediate stays real
    const server = new ScriptedStomp();
    client = createClient({
      url: "ws://chat.test/ws",
      login: "alice",
      WebSocket: server.WebSocket,
      backoff: { initialDelayMs: 100, maxDelayMs: 1_000, offlineAfterFailures: 100 },
    });
    const connected = vi.fn();
    client.on("connected", connected);
    await client.connect();
    await client.subscribe(ROOM, { onMessage: () => undefined }, { sinceSeq: 0 });

    // From now on every re-subscription of the room is refused with a fatal ERROR.
    server.failFrames((f) => f.command === "SUBSCRIBE" && f.headers.destination === TOPIC, "too-many-subscriptions", "At most 1 subscriptions per connection");
    vi.advanceTimersByTime(5_000); // the first connection stayed up
    server.socket.drop();
    await untilConnections(server, 7);

    const opened = server.sockets.map((s) => s.openedAt);
    const gaps = opened.slice(2).map((t, i) => t - opened[i + 1]);
    expect(opened[1] - opened[0]).toBe(5_000); // the established connection's loss: at once
    expect(gaps).toEqual([200, 400, 800, 1_000, 1_000]);
    expect(server.sockets.every((s) => s.frames.some((f) => f.command === "CONNECT"))).toBe(true);
    expect(connected).toHaveBeenCalledTimes(7);
    expect(client.state.status).toBe("reconnecting");

    // The server accepts the room again: the next connection stays up, and once it has been up
    // for maxDelayMs its loss is retried at once again.
    server.failFrames(null);
    await untilConnections(server, 8);
    expect(server.socket.openedAt - opened[6]).toBe(1_000);
    expect(client.state.status).toBe("online");
    vi.advanceTimersByTime(1_000);
    const dropped = Date.now();
    server.socket.drop();
    await untilConnections(server, 9);
    expect(server.socket.openedAt).toBe(dropped);
    expect(client.state.status).toBe("online");
  });
});

describe("an ERROR frame answering a frame of the client", () => {
  it("rejects the waiting subscribe() with its code instead of letting it time out", async () => {
    const server = new ScriptedStomp();
    client = createClient({
      url: "ws://chat.test/ws",
      login: "alice",
      WebSocket: server.WebSocket,
      subscribeTimeoutMs: 2_000,
      backoff: { initialDelayMs: 1, maxDelayMs: 1 },
    });
    await client.connect();
    server.failFrames((f) => f.command === "SUBSCRIBE" && f.headers.destination === TOPIC, "too-many-subscriptions", "At most 1 subscriptions per connection");
    const errors: ChatError[] = [];
    client.on("error", (e) => errors.push(e));

    const error = await rejection(client.subscribe(ROOM, { onMessage: () => undefined }, { sinceSeq: 0 }));
    expect(error.code).toBe("too-many-subscriptions");
    expect(errors.map((e) => e.code)).toEqual(["too-many-subscriptions"]);
    await vi.waitFor(() => expect(server.sockets).toHaveLength(2), { timeout: 3_000, interval: 5 });
    await vi.waitFor(() => expect(client!.state.status).toBe("online"), { timeout: 3_000, interval: 5 });
    await settle();
    expect(server.socket.subscribes(TOPIC)).toEqual([]); // nobody wants the room any more
  });

  it("rejects the send it answers with its code; the send does not go again after the reconnect", async () => {
    const server = new ScriptedStomp();
    client = createClient({
      url: "ws://chat.test/ws",
      login: "alice",
      WebSocket: server.WebSocket,
      sendTimeoutMs: 2_000,
      backoff: { initialDelayMs: 1, maxDelayMs: 1 },
    });
    await client.connect();
    server.failFrames((f) => f.command === "SEND", "bad-frame", "The frame is malformed");

    const error = await rejection(client.send(ROOM, "hello"));
    expect(error.code).toBe("bad-frame");
    expect(client.pendingSends()).toEqual([]);
    await vi.waitFor(() => expect(server.sockets).toHaveLength(2), { timeout: 3_000, interval: 5 });
    await vi.waitFor(() => expect(client!.state.status).toBe("online"), { timeout: 3_000, interval: 5 });
    await settle();
    expect(server.socket.frames.filter((f) => f.command === "SEND")).toEqual([]);
  });
});
