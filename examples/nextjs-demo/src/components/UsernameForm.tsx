"use client";

import { type FormEvent, useId, useState } from "react";
import { Limits } from "@chatstack/client";

/** Asks for the user name (dev-mode identity: the name is who you are). */
export function UsernameForm({ onSubmit }: { onSubmit: (name: string) => void }) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setError("Please enter a user name.");
    if (trimmed.length > Limits.maxUsernameLength) {
      return setError(`User names have at most ${Limits.maxUsernameLength} characters.`);
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(trimmed)) return setError("User names cannot contain control characters.");
    onSubmit(trimmed);
  }

  return (
    <main className="flex min-h-full items-center justify-center p-4">
      <form
        onSubmit={submit}
        className="w-full max-w-sm space-y-4 rounded-xl bg-white p-6 shadow"
        aria-labelledby={`${inputId}-title`}
        noValidate
      >
        <h1 id={`${inputId}-title`} className="text-xl font-semibold">
          chatstack demo
        </h1>
        <div className="space-y-1">
          <label htmlFor={inputId} className="block text-sm font-medium">
            Your user name
          </label>
          <input
            id={inputId}
            data-testid="username-input"
            className="w-full rounded-md border border-slate-300 px-3 py-2"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
            autoComplete="username"
            autoFocus
            maxLength={Limits.maxUsernameLength}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
          {error && (
            <p id={errorId} role="alert" className="text-sm text-red-700">
              {error}
            </p>
          )}
        </div>
        <p className="text-xs text-slate-500">
          Demo mode: the server trusts this name. It is remembered in this browser.
        </p>
        <button
          type="submit"
          data-testid="username-submit"
          className="w-full rounded-md bg-blue-600 px-3 py-2 font-medium text-white hover:bg-blue-700"
        >
          Start chatting
        </button>
      </form>
    </main>
  );
}
