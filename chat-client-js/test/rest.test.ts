import { describe, expect, it } from "vitest";
import { ChatError } from "../src/errors.js";
import { ChatRest } from "../src/rest.js";

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A ChatRest whose fetch records each request and answers with the given response. */
function restAnswering(answer: () => Response, me: () => string | undefined = () => "alice"): { rest: ChatRest; calls: Call[] } {
  const calls: Call[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({
      url,
      method: init.method ?? "GET",
      headers: init.headers as Record<string, string>,
      body: init.body === undefined ? undefined : JSON.parse(init.body as string),
    });
    return answer();
  }) as unknown as typeof fetch;
  const rest = new ChatRest("http://chat.test", async () => ({ "X-Chat-User": "alice" }), me, fetchImpl);
  return { rest, calls };
}

const ROOM = { id: 7, name: "r", createdBy: "alice", createdAt: "", visibility: "PUBLIC", participantCount: 2, participants: ["alice", "bob"], role: "OWNER" };
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
const problem = (status: number, code: string, detail: string) =>
  new Response(JSON.stringify({ status, code, detail }), { status, headers: { "Content-Type": "application/problem+json" } });

describe("ChatRest membership", () => {
  it("join names the caller once known, and sends an empty body before connect()", async () => {
    const { rest, calls } = restAnswering(() => json(ROOM));
    await rest.join(7);
    expect(calls[0]).toMatchObject({ method: "POST", url: "http://chat.test/api/rooms/7/participants", body: { username: "alice" } });
    const early = restAnswering(() => json(ROOM), () => undefined);
    await early.rest.join(7);
    expect(early.calls[0]).toMatchObject({ method: "POST", url: "http://chat.test/api/rooms/7/participants", body: {} });
    expect(early.calls[0].headers["X-Chat-User"]).toBe("alice");
  });
});

describe("ChatRest moderation", () => {
  it("moderate posts action, user, until and reason", async () => {
    const { rest, calls } = restAnswering(() => json(ROOM));
    const room = await rest.moderate(7, { action: "ban", username: "bob", until: new Date("2026-12-31T00:00:00Z"), reason: "spam" });
    expect(room.role).toBe("OWNER");
    expect(calls).toHaveLength(1);
    expect(calls[0].method).toBe("POST");
    expect(calls[0].url).toBe("http://chat.test/api/rooms/7/moderation");
    expect(calls[0].headers["Content-Type"]).toBe("application/json");
    expect(calls[0].headers["X-Chat-User"]).toBe("alice");
    expect(calls[0].body).toEqual({ action: "ban", username: "bob", until: "2026-12-31T00:00:00.000Z", reason: "spam" });
  });

  it("moderate leaves out absent until and reason", async () => {
    const { rest, calls } = restAnswering(() => json(ROOM));
    await rest.moderate(7, { action: "kick", username: "b/ob" });
    expect(calls[0].body).toEqual({ action: "kick", username: "b/ob" });
  });

  it("setRole puts the role under the user's encoded name", async () => {
    const { rest, calls } = restAnswering(() => json(ROOM));
    await rest.setRole(7, "b ob", "MODERATOR");
    expect(calls[0].method).toBe("PUT");
    expect(calls[0].url).toBe("http://chat.test/api/rooms/7/roles/b%20ob");
    expect(calls[0].body).toEqual({ role: "MODERATOR" });
  });

  it("renameRoom patches roomName; deleteRoom deletes and accepts 204", async () => {
    const { rest, calls } = restAnswering(() => (calls.length === 1 ? json({ ...ROOM, name: "new" }) : new Response(null, { status: 204 })));
    expect((await rest.renameRoom(7, "new")).name).toBe("new");
    expect(calls[0]).toMatchObject({ method: "PATCH", url: "http://chat.test/api/rooms/7", body: { roomName: "new" } });
    await expect(rest.deleteRoom(7)).resolves.toBeUndefined();
    expect(calls[1]).toMatchObject({ method: "DELETE", url: "http://chat.test/api/rooms/7", body: undefined });
  });

  it("restrictions gets the list", async () => {
    const list = [{ kind: "MUTE", username: "bob", actor: "alice", until: "2026-12-31T00:00:00Z" }];
    const { rest, calls } = restAnswering(() => json(list));
    expect(await rest.restrictions(7)).toEqual(list);
    expect(calls[0]).toMatchObject({ method: "GET", url: "http://chat.test/api/rooms/7/restrictions" });
  });

  it("participants pages with after and limit and carries members", async () => {
    const page = { roomId: 7, participants: ["bob"], members: [{ username: "bob", role: "MODERATOR" }], participantCount: 2, hasMore: false };
    const { rest, calls } = restAnswering(() => json(page));
    expect((await rest.participants(7, { after: "alice", limit: 1 })).members).toEqual([{ username: "bob", role: "MODERATOR" }]);
    await rest.participants(7);
    expect(calls[0].url).toBe("http://chat.test/api/rooms/7/participants?limit=1&after=alice");
    expect(calls[1].url).toBe("http://chat.test/api/rooms/7/participants?limit=100");
  });

  it("removeParticipant deletes the other user's participation (a kick)", async () => {
    const { rest, calls } = restAnswering(() => new Response(null, { status: 204 }));
    await rest.removeParticipant(7, "bob");
    expect(calls[0]).toMatchObject({ method: "DELETE", url: "http://chat.test/api/rooms/7/participants/bob" });
  });

  it.each([
    ["forbidden", 403, () => ({ action: "kick", username: "alice" }) as const],
    ["banned", 403, () => ({ action: "kick", username: "bob" }) as const],
    ["muted", 403, () => ({ action: "kick", username: "bob" }) as const],
    ["not-participant", 403, () => ({ action: "kick", username: "carol" }) as const],
    ["invalid-until", 400, () => ({ action: "mute", username: "bob", until: "2000-01-01T00:00:00Z" }) as const],
  ])("a refusal becomes a ChatError with code %s", async (code, status, request) => {
    const { rest } = restAnswering(() => problem(status, code, `Refused: ${code}`));
    const error = await rest.moderate(7, request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({ code, status, message: `Refused: ${code}` });
  });

  it("setRole, rename, delete and restrictions report the server's code", async () => {
    const { rest } = restAnswering(() => problem(403, "forbidden", "Only the owner may do that"));
    for (const call of [
      () => rest.setRole(7, "bob", "MEMBER"),
      () => rest.renameRoom(7, "x"),
      () => rest.deleteRoom(7),
      () => rest.restrictions(7),
    ]) {
      await expect(call()).rejects.toMatchObject({ name: "ChatError", code: "forbidden", status: 403 });
    }
  });
});

describe("ChatRest.myRooms", () => {
  it("rejects (does not throw) with not-connected while the user name is unknown", async () => {
    const { rest, calls } = restAnswering(() => json([]), () => undefined);
    let result: Promise<unknown> | undefined;
    expect(() => (result = rest.myRooms())).not.toThrow();
    await expect(result).rejects.toMatchObject({ code: "not-connected" });
    expect(calls).toEqual([]);
  });
});
