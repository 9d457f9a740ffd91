"use client";

import type { Notice } from "@/lib/chatStore";

/** Errors from the server and failed actions, readable and dismissible. */
export function Notices({ notices, onDismiss }: { notices: readonly Notice[]; onDismiss: (id: number) => void }) {
  if (notices.length === 0) return null;
  return (
    <ul className="space-y-2 px-3 pt-3" aria-label="Notifications">
      {notices.map((n) => (
        <li
          key={n.id}
          role={n.tone === "info" ? "status" : "alert"}
          data-testid="notice"
          data-tone={n.tone}
          data-code={n.code}
          className={`flex items-start justify-between gap-3 rounded-md border px-3 py-2 text-sm ${
            n.tone === "info" ? "border-amber-200 bg-amber-50 text-amber-900" : "border-red-200 bg-red-50 text-red-800"
          }`}
        >
          <span className="break-words">{n.text}</span>
          <button
            type="button"
            onClick={() => onDismiss(n.id)}
            className="shrink-0 rounded px-1 hover:bg-black/5"
            aria-label="Dismiss notification"
          >
            ✕
          </button>
        </li>
      ))}
    </ul>
  );
}
