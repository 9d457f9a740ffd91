import { afterEach, describe, expect, it, vi } from "vitest";
import { type ChatClient, createClient } from "../src/index.js";
import { ScriptedStomp } from "./scriptedStomp.js";

let client: ChatClient | undefined;

afterEach(async () => {
  vi.useRealTimers();
  await client?.disconnect();
  client = undefined;
});

describe("connection health", () => {
  it("reconnects at once when heart-beats stop, without waiting for a close the dead peer never answers", async () => {
    const server = new ScriptedStomp();
    server.heartBeat = "50,0"; // the server promises a heart-beat every 50 ms and sends none
    client = createClient({
      url: "ws://chat.test/ws",
      login: "alice",
      WebSocket: server.WebSocket,
      heartbeatMs: 50,
      backoff: { initialDelayMs: 1, maxDelayMs: 1 },
    });
    await client.connect();
    server.socket.hang();
    server.heartBeat = "0,0"; // the next connection stays up
    await vi.waitFor(() => expect(server.sockets).toHaveLength(2), { timeout: 3_000, interval: 10 });
    await vi.waitFor(() => expect(client!.state.status).toBe("online"), { timeout: 3_000, interval: 10 });
  });

  it("leaves no pacing timer behind after disconnect()", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] }); // the scripted server's setImmediate stays real
    const server = new ScriptedStomp();
    client = createClient({ url: "ws://chat.test/ws", login: "alice", WebSocket: server.WebSocket, sendsPerSecond: 1 });
    await client.connect();
    const first = client.send(1, "a").catch(() => undefined);
    const second = client.send(1, "b").catch(() => undefined); // waits for the send budget
    await client.disconnect();
    await Promise.all([first, second]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
