import { describe, expect, it } from "vitest";
import {
  type BackoffOptions,
  type ConnectionEvent,
  type ConnectionState,
  INITIAL_STATE,
  backoffDelay,
  transition,
} from "../src/reconnect.js";

const opts: BackoffOptions = { initialDelayMs: 100, maxDelayMs: 1000, offlineAfterFailures: 3 };
function run(...events: ConnectionEvent[]): ConnectionState {
  return events.reduce((s, e) => transition(s, e, opts), INITIAL_STATE);
}

describe("backoffDelay", () => {
  it("doubles and is capped", () => {
    expect([1, 2, 3, 4, 5, 50].map((n) => backoffDelay(n, opts))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });
});

describe("connection state machine", () => {
  it("starts by attempting a connection", () => {
    const s = run({ type: "start" });
    expect(s.status).toBe("connecting");
    expect(s.attempting).toBe(true);
  });

  it("is online after connecting and can send", () => {
    const s = run({ type: "start" }, { type: "connected" });
    expect(s.status).toBe("online");
    expect(s.everConnected).toBe(true);
  });

  it("retries at once after losing an established connection", () => {
    const s = run({ type: "start" }, { type: "connected", at: 0 }, { type: "closed", reason: "gone", at: 1000 });
    expect(s.status).toBe("reconnecting");
    expect(s.retryDelayMs).toBe(0);
    expect(s.lastError).toBe("gone");
  });

  it("backs off between failed attempts and reads offline after several", () => {
    let s = run({ type: "start" }, { type: "connected", at: 0 }, { type: "closed", at: 5000 });
    expect(s.retryDelayMs).toBe(0);
    const delays: number[] = [];
    const statuses: string[] = [];
    for (let i = 0; i < 4; i++) {
      s = transition(s, { type: "retry" }, opts);
      expect(s.attempting).toBe(true);
      expect(s.retryDelayMs).toBeNull();
      s = transition(s, { type: "closed" }, opts);
      delays.push(s.retryDelayMs!);
      statuses.push(s.status);
    }
    expect(delays).toEqual([200, 400, 800, 1000]);
    expect(statuses).toEqual(["reconnecting", "offline", "offline", "offline"]);
    s = transition(transition(s, { type: "retry" }, opts), { type: "connected" }, opts);
    expect(s.status).toBe("online");
    expect(s.failures).toBe(0);
  });

  it("counts connections closed within maxDelayMs as failed attempts: the delays grow", () => {
    let s = run({ type: "start" }, { type: "connected", at: 0 }, { type: "closed", at: 5000 });
    expect(s.retryDelayMs).toBe(0);
    const delays: number[] = [];
    const statuses: string[] = [];
    let now = 5000;
    for (let i = 0; i < 5; i++) {
      s = transition(s, { type: "retry" }, opts);
      s = transition(s, { type: "connected", at: now }, opts);
      expect(s.status).toBe("online");
      expect(s.failures).toBe(0);
      now += 999; // closed by the server before maxDelayMs
      s = transition(s, { type: "closed", at: now }, opts);
      delays.push(s.retryDelayMs!);
      statuses.push(s.status);
      now += s.retryDelayMs!;
    }
    expect(delays).toEqual([200, 400, 800, 1000, 1000]);
    expect(statuses).toEqual(["reconnecting", "offline", "offline", "offline", "offline"]);
    // One that stays up maxDelayMs resets the back-off: its loss is retried at once.
    s = transition(s, { type: "retry" }, opts);
    s = transition(s, { type: "connected", at: now }, opts);
    s = transition(s, { type: "closed", at: now + 1000 }, opts);
    expect(s.retryDelayMs).toBe(0);
    expect(s.failures).toBe(1);
    expect(s.status).toBe("reconnecting");
  });

  it("a short-lived first connection backs off like a failed attempt", () => {
    const s = run({ type: "start" }, { type: "connected", at: 0 }, { type: "closed", at: 10 });
    expect(s.retryDelayMs).toBe(100);
    expect(s.failures).toBe(1);
  });

  it("a failing first connection also retries", () => {
    const s = run({ type: "start" }, { type: "closed" });
    expect(s.status).toBe("reconnecting");
    expect(s.retryDelayMs).toBe(100);
    expect(s.everConnected).toBe(false);
  });

  it("ignores a retry while an attempt is in flight and a stale close while waiting", () => {
    const waiting = run({ type: "start" }, { type: "closed" });
    expect(transition(waiting, { type: "closed" }, opts)).toBe(waiting);
    const attempting = transition(waiting, { type: "retry" }, opts);
    expect(transition(attempting, { type: "retry" }, opts)).toBe(attempting);
  });

  it("shows offline when the browser loses the network and retries at once when it is back", () => {
    let s = run({ type: "start" }, { type: "connected", at: 0 }, { type: "closed", at: 1000 });
    s = transition(s, { type: "retry" }, opts);
    s = transition(s, { type: "browserOffline" }, opts);
    expect(s.status).toBe("offline");
    s = transition(s, { type: "closed" }, opts);
    expect(s.status).toBe("offline");
    s = transition(s, { type: "browserOnline" }, opts);
    expect(s.status).toBe("reconnecting");
    expect(s.retryDelayMs).toBe(0);
  });

  it("stays online when the browser flaps but the socket is fine", () => {
    const s = run({ type: "start" }, { type: "connected" }, { type: "browserOffline" });
    expect(s.status).toBe("online");
  });

  it("stop is terminal: later socket events change nothing", () => {
    const stopped = run({ type: "start" }, { type: "connected" }, { type: "stop" });
    expect(stopped.status).toBe("stopped");
    expect(transition(stopped, { type: "closed" }, opts)).toBe(stopped);
    expect(transition(stopped, { type: "connected" }, opts)).toBe(stopped);
    expect(transition(stopped, { type: "retry" }, opts)).toBe(stopped);
    expect(transition(stopped, { type: "start" }, opts).status).toBe("connecting");
  });

  it("ignores events before start", () => {
    expect(run({ type: "connected" })).toBe(INITIAL_STATE);
    expect(run({ type: "closed" })).toBe(INITIAL_STATE);
  });
});
