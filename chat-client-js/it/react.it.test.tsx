// @vitest-environment jsdom
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { createElement, type ReactNode } from "react";
import { afterEach, describe, expect, it } from "vitest";
import type { ChatClient } from "../src/index.js";
import { ChatClientProvider, useMessages, usePresence, useTyping, useUnread } from "../src/react/index.js";
import { client, closeClients, uniqueRoom, uniqueUser } from "./support.js";

afterEach(async () => {
  cleanup();
  await closeClients();
});

function wrapper(c: ChatClient) {
  return ({ children }: { children?: ReactNode }) => createElement(ChatClientProvider, { client: c }, children);
}

describe("React hooks against the demo server", () => {
  it("useMessages shows history, live messages and changes; usePresence and useTyping follow the room", async () => {
    const ann = client(uniqueUser("ann"));
    const ben = client(uniqueUser("ben"));
    await Promise.all([ann.connect(), ben.connect()]);
    const room = await ann.createRoom(uniqueRoom("hooks"));
    await ben.join(room.id);
    const old = await ann.send(room.id, "before the page loaded");

    const { result } = renderHook(
      () => ({ view: useMessages(room.id), presence: usePresence(room.id), typing: useTyping(room.id) }),
      { wrapper: wrapper(ben) },
    );
    await waitFor(() => expect(result.current.view.loading).toBe(false), { timeout: 15_000 });
    expect(result.current.view.messages.map((m) => m.id)).toContain(old.id);

    const live = await ann.send(room.id, "while watching");
    await ann.react(room.id, live.id, "🎉");
    await waitFor(() => expect(result.current.view.messages.find((m) => m.id === live.id)?.reactions?.["🎉"]?.count).toBe(1), {
      timeout: 15_000,
    });
    await waitFor(() => expect(result.current.presence.online.has(ann.userName!)).toBe(true), { timeout: 15_000 });
    await waitFor(
      () => {
        ann.typing(room.id, true);
        expect(result.current.typing.users).toEqual([ann.userName]);
      },
      { timeout: 15_000, interval: 500 },
    );

    let sent: Awaited<ReturnType<ChatClient["send"]>> | undefined;
    await act(async () => {
      sent = await result.current.view.send("from the hook");
    });
    await waitFor(() => expect(result.current.view.messages.map((m) => m.id)).toContain(sent!.id), { timeout: 15_000 });
  });

  it("useUnread counts what arrives and clears on markRead", async () => {
    const cat = client(uniqueUser("cat"));
    const dov = client(uniqueUser("dov"));
    await Promise.all([cat.connect(), dov.connect()]);
    const room = await cat.createRoom(uniqueRoom("unread"));
    await dov.join(room.id);

    const { result } = renderHook(() => useUnread(), { wrapper: wrapper(dov) });
    await waitFor(() => expect(result.current.unread.get(room.id)?.unreadCount).toBe(0), { timeout: 15_000 });
    const last = await cat.send(room.id, "unread one");
    await waitFor(() => expect(result.current.unread.get(room.id)?.unreadCount).toBe(1), { timeout: 15_000 });
    await act(async () => {
      await result.current.markRead(room.id, last.seq);
    });
    await waitFor(() => expect(result.current.unread.get(room.id)?.unreadCount).toBe(0), { timeout: 15_000 });
  });
});
