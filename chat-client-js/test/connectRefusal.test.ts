import { afterEach, describe, expect, it, vi } from "vitest";
import { type ChatClient, ChatError, type ClientOptions, createClient } from "../src/index.js";
import { ScriptedStomp } from "./scriptedStomp.js";

// A CONNECT the server refuses (ERROR unauthenticated, then it closes) ends the connection attempts
// when retrying cannot help: on the first connection, and on a reconnection with a fixed token (it
// expired, say). A token function is asked for a fresh token on each attempt instead, and the
// client stops only once several CONNECTs in a row were refused. Whatever waits for the connection
// (connect(), sends, subscribe()) fails with the server's code instead of waiting for its timeout.

const ROOM = 7;
const OTHER_ROOM = 8;

let client: ChatClient | undefined;

afterEach(async () => {
  vi.useRealTimers();
  await client?.disconnect();
  client = undefined;
});

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

/** Runs the scripted server and the client's timers (one at a time) until {@code done} holds, or gives up. */
async function runUntil(done: () => boolean, rounds = 30): Promise<void> {
  for (let i = 0; i < rounds && !done(); i++) {
    await settle();
    if (done()) break;
    await vi.advanceTimersToNextTimerAsync();
  }
  await settle();
}

function start(server: ScriptedStomp, token: ClientOptions["token"]): ChatClient {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] }); // the scripted server's setImmediate stays real
  client = createClient({
    url: "ws://chat.test/ws",
    token,
    WebSocket: server.WebSocket,
    sendTimeoutMs: 600_000,
    subscribeTimeoutMs: 600_000,
    backoff: { initialDelayMs: 100, maxDelayMs: 1_000, offlineAfterFailures: 100 },
  });
  return client;
}

const bearerOf = (server: ScriptedStomp) => server.sockets.map((s) => s.frames.find((f) => f.command === "CONNECT")?.headers.Authorization);

describe("a CONNECT refused after a first connection", () => {
  it("with a fixed token: stops, and rejects connect(), sends and subscribe() with the server's code", async () => {
    const server = new ScriptedStomp();
    const c = start(server, "expiring");
    await c.connect();
    await c.subscribe(ROOM, { onMessage: () => undefined }, { sinceSeq: 0 });
    const errors: ChatError[] = [];
    c.on("error", (e) => errors.push(e));

    server.failFrames((f) => f.command === "CONNECT", "unauthenticated", "The token has expired");
    server.socket.drop();
    await settle();
    expect(c.state.status).toBe("reconnecting");
    const connecting = track(c.connect());
    const sending = track(c.send(ROOM, "hello"));
    const subscribing = track(c.subscribe(OTHER_ROOM, { onMessage: () => undefined }, { sinceSeq: 0 }));

    await runUntil(() => c.state.status === "stopped");
    expect(c.state.status).toBe("stopped");
    expect(c.state.lastError).toContain("The token has expired");
    expect(server.sockets).toHaveLength(2);
    expect(codeOf(connecting.error)).toBe("unauthenticated");
    expect(codeOf(sending.error)).toBe("unauthenticated");
    expect(codeOf(subscribing.error)).toBe("unauthenticated");
    expect(c.pendingSends()).toEqual([]);
    expect(errors.map((e) => e.code)).toEqual(["unauthenticated"]);

    await vi.advanceTimersByTimeAsync(60_000);
    await settle();
    expect(server.sockets).toHaveLength(2); // no retry loop
  });

  it("with a token function: asks it for a fresh token on each attempt and connects with one the server accepts", async () => {
    const server = new ScriptedStomp();
    const tokens = ["t1", "stale", "stale", "t2"];
    const token = vi.fn(() => tokens.shift() ?? "t2");
    const c = start(server, token);
    await c.connect();
    await c.subscribe(ROOM, { onMessage: () => undefined }, { sinceSeq: 0 });

    server.failFrames((f) => f.command === "CONNECT" && f.headers.Authorization === "Bearer stale", "unauthenticated", "The token has expired");
    server.socket.drop();
    await settle();
    const connecting = track(c.connect());
    await runUntil(() => server.sockets.length === 4 && c.state.status === "online");

    expect(c.state.status).toBe("online");
    expect(bearerOf(server)).toEqual(["Bearer t1", "Bearer stale", "Bearer stale", "Bearer t2"]);
    expect(connecting.state).toBe("resolved");
    expect(server.socket.subscribes(`/topic/chat/${ROOM}`)).toHaveLength(1);
  });

  it("with a token function whose tokens keep being refused: stops after three refusals in a row", async () => {
    const server = new ScriptedStomp();
    const token = vi.fn(() => (token.mock.calls.length === 1 ? "t1" : "stale"));
    const c = start(server, token);
    await c.connect();

    server.failFrames((f) => f.command === "CONNECT" && f.headers.Authorization === "Bearer stale", "unauthenticated", "The token has expired");
    server.socket.drop();
    await settle();
    const connecting = track(c.connect());
    await runUntil(() => c.state.status === "stopped");

    expect(c.state.status).toBe("stopped");
    expect(server.sockets).toHaveLength(4);
    expect(codeOf(connecting.error)).toBe("unauthenticated");
    await vi.advanceTimersByTimeAsync(60_000);
    await settle();
    expect(server.sockets).toHaveLength(4);
  });

  it("keeps retrying, with the back-off, a refusal that is not about the credentials", async () => {
    const server = new ScriptedStomp();
    const c = start(server, "fixed");
    await c.connect();

    server.failFrames((f) => f.command === "CONNECT", "internal-error", "Try later");
    server.socket.drop();
    await runUntil(() => server.sockets.length >= 4);
    expect(server.sockets).toHaveLength(4);
    expect(c.state.status).toBe("reconnecting");

    server.failFrames(null);
    await runUntil(() => c.state.status === "online");
    expect(c.state.status).toBe("online");
  });
});

describe("the first CONNECT refused", () => {
  it("rejects the sends and subscribe() calls waiting for the connection with the server's code", async () => {
    const server = new ScriptedStomp();
    const c = start(server, "bad");
    server.failFrames((f) => f.command === "CONNECT", "unauthenticated", "Authentication failed");
    const sending = track(c.send(ROOM, "hello"));
    const subscribing = track(c.subscribe(ROOM, { onMessage: () => undefined }, { sinceSeq: 0 }));
    await settle();

    const connecting = track(c.connect());
    await runUntil(() => c.state.status === "stopped");
    await settle();

    expect(codeOf(connecting.error)).toBe("unauthenticated");
    expect(codeOf(sending.error)).toBe("unauthenticated");
    expect(codeOf(subscribing.error)).toBe("unauthenticated");
    expect(c.pendingSends()).toEqual([]);
    expect(server.sockets).toHaveLength(1);
  });
});
