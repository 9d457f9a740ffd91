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
          role="alert"
          data-testid="notice"
          className="flex items-start justify-between gap-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          <span className="break-words">{n.text}</span>
          <button
            type="button"
            onClick={() => onDismiss(n.id)}
            className="shrink-0 rounded px-1 text-red-700 hover:bg-red-100"
            aria-label="Dismiss notification"
          >
            ✕
          </button>
        </li>
      ))}
    </ul>
  );
}
