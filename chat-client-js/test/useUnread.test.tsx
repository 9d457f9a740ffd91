// @vitest-environment jsdom
import { renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { type ChatClient, createClient } from "../src/index.js";
import { useUnread } from "../src/react/index.js";
import { ScriptedStomp } from "./scriptedStomp.js";

let client: ChatClient | undefined;

afterEach(async () => {
  await client?.disconnect();
  client = undefined;
});

describe("useUnread", () => {
  it("mounted before the first connect with a token, loads the unread counts once connected, without throwing", async () => {
    const server = new ScriptedStomp();
    const urls: string[] = [];
    const fetchImpl = (async (url: string) => {
      urls.push(url);
      const rooms = [{ id: 7, name: "r", visibility: "PUBLIC", lastReadSeq: 3, unreadCount: 2 }];
      return new Response(JSON.stringify(rooms), { status: 200, headers: { "Content-Type": "application/json" } });
    }) as unknown as typeof fetch;
    const c = (client = createClient({ url: "ws://chat.test/ws", token: "jwt", WebSocket: server.WebSocket, fetch: fetchImpl }));
    expect(c.userName).toBeUndefined(); // the server names the user on CONNECTED

    const { result } = renderHook(() => useUnread(c));
    expect(result.current.error).toBeNull();
    await c.connect();
    await waitFor(() => expect(result.current.unread.get(7)).toEqual({ lastReadSeq: 3, unreadCount: 2 }));
    expect(result.current.error).toBeNull();
    expect(urls).toEqual(["http://chat.test/api/rooms/user/user"]);
  });
});
