import { afterEach, describe, expect, it, vi } from "vitest";
import { chatApi } from "./api";
import { ChatError } from "./errors";

interface Call {
  url: string;
  init: RequestInit;
}

function stubFetch(response: () => Response): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return response();
  });
  return calls;
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

afterEach(() => vi.unstubAllGlobals());

describe("chatApi", () => {
  it("sends the user in X-Chat-User on every request", async () => {
    const calls = stubFetch(() => json([]));
    const api = chatApi("alice");
    await api.rooms();
    await api.myRooms();
    await api.recent(3);
    for (const call of calls) {
      expect((call.init.headers as Record<string, string>)["X-Chat-User"]).toBe("alice");
    }
    expect(calls.map((c) => c.url)).toEqual(["/api/rooms", "/api/rooms/user/alice", "/api/messages/3/recent?limit=50"]);
  });

  it("creates rooms with a visibility, invites, opens direct rooms and leaves", async () => {
    const calls = stubFetch(() => json({ id: 1 }));
    const api = chatApi("alice");
    await api.createRoom("plans", "PRIVATE");
    await api.addParticipant(1, "bob");
    await api.direct("bob");
    await api.leave(1);
    expect(calls.map((c) => [c.init.method, c.url, c.init.body])).toEqual([
      ["POST", "/api/rooms", JSON.stringify({ roomName: "plans", visibility: "PRIVATE" })],
      ["POST", "/api/rooms/1/participants", JSON.stringify({ username: "bob" })],
      ["POST", "/api/rooms/direct", JSON.stringify({ username: "bob" })],
      ["DELETE", "/api/rooms/1/participants/alice", undefined],
    ]);
  });

  it("accepts an empty 204 answer", async () => {
    stubFetch(() => new Response(null, { status: 204 }));
    await expect(chatApi("alice").leave(1)).resolves.toBeUndefined();
  });

  it("turns problem JSON into a ChatError with code, status and the Retry-After wait", async () => {
    stubFetch(() => json({ status: 403, detail: "Only participants can invite", code: "forbidden" }, 403));
    const forbidden = await chatApi("carol").addParticipant(1, "dave").catch((e) => e);
    expect(forbidden).toBeInstanceOf(ChatError);
    expect(forbidden).toMatchObject({ message: "Only participants can invite", code: "forbidden", status: 403 });

    stubFetch(() => json({ status: 429, detail: "Too many requests", code: "rate-limited" }, 429, { "Retry-After": "2" }));
    const limited = await chatApi("carol").rooms().catch((e) => e);
    expect(limited).toMatchObject({ message: "Too many requests. Try again in 2 s.", code: "rate-limited", status: 429 });
  });
});
