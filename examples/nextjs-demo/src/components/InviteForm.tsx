"use client";

import { type FormEvent, useId, useState } from "react";
import { Limits } from "@chatstack/client";

/** Invites a user into the open private room (participants only; the server decides). */
export function InviteForm({ onInvite }: { onInvite: (username: string) => Promise<void> }) {
  const [name, setName] = useState("");
  const [inviting, setInviting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (inviting) return;
    setInviting(true);
    setError(null);
    try {
      await onInvite(name);
      setName("");
    } catch (e) {
      setError(e instanceof Error ? e.message : "Could not invite this user.");
    } finally {
      setInviting(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-wrap items-center gap-2 text-sm" noValidate>
      <label htmlFor={inputId} className="sr-only">
        Invite user
      </label>
      <input
        id={inputId}
        data-testid="invite-input"
        value={name}
        placeholder="Invite a user…"
        onChange={(e) => {
          setName(e.target.value);
          setError(null);
        }}
        maxLength={Limits.maxUsernameLength}
        className="w-40 rounded-md border border-slate-300 px-2 py-0.5"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      <button
        type="submit"
        data-testid="invite-submit"
        disabled={inviting || !name.trim()}
        className="rounded-md border border-blue-300 px-2 py-0.5 text-blue-800 hover:bg-blue-50 disabled:opacity-50"
      >
        {inviting ? "Inviting…" : "Invite"}
      </button>
      {error && (
        <p id={errorId} role="alert" data-testid="invite-error" className="w-full text-red-700">
          Could not invite: {error}
        </p>
      )}
    </form>
  );
}
