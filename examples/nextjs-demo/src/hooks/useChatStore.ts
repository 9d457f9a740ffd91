"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { type ChatSnapshot, ChatStore } from "@/lib/chatStore";

const noop = () => () => undefined;

/** One ChatStore per signed-in user, started on mount and stopped on unmount or user change. */
export function useChatStore(username: string): { store: ChatStore | null; snapshot: ChatSnapshot | null } {
  const [store, setStore] = useState<ChatStore | null>(null);

  useEffect(() => {
    const created = new ChatStore(username);
    setStore(created);
    created.start();
    const online = () => created.browserOnline(true);
    const offline = () => created.browserOnline(false);
    const visibility = () => created.pageVisible(document.visibilityState !== "hidden");
    window.addEventListener("online", online);
    window.addEventListener("offline", offline);
    document.addEventListener("visibilitychange", visibility);
    visibility();
    return () => {
      window.removeEventListener("online", online);
      window.removeEventListener("offline", offline);
      document.removeEventListener("visibilitychange", visibility);
      created.stop();
    };
  }, [username]);

  const snapshot = useSyncExternalStore(
    store ? store.subscribe : noop,
    () => (store ? store.getSnapshot() : null),
    () => null,
  );
  return { store, snapshot };
}
