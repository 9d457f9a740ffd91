"use client";

import { useStoredUsername } from "@/hooks/useStoredUsername";
import { ChatShell } from "./ChatShell";
import { UsernameForm } from "./UsernameForm";

/** Entry point: asks for a user name once (kept in localStorage), then shows the chat. */
export function ChatApp() {
  const { username, ready, save } = useStoredUsername();
  if (!ready) {
    return (
      <main className="flex h-full items-center justify-center" aria-busy="true">
        <p className="text-slate-500">Loading…</p>
      </main>
    );
  }
  if (!username) return <UsernameForm onSubmit={save} />;
  return <ChatShell key={username} username={username} onSignOut={() => save(null)} />;
}
