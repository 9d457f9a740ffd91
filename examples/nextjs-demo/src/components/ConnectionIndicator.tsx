"use client";

import type { ConnectionState } from "@chatstack/client";

const LABELS: Record<ConnectionState["status"], string> = {
  idle: "Not connected",
  connecting: "Connecting…",
  online: "Online",
  reconnecting: "Reconnecting…",
  offline: "Offline",
  stopped: "Disconnected",
};

const DOT: Record<ConnectionState["status"], string> = {
  idle: "bg-slate-400",
  connecting: "bg-amber-400",
  online: "bg-green-500",
  reconnecting: "bg-amber-400 animate-pulse",
  offline: "bg-red-500",
  stopped: "bg-slate-400",
};

/** Always-visible connection state (online / reconnecting / offline) with a manual retry. */
export function ConnectionIndicator({
  state,
  onRetry,
}: {
  state: ConnectionState;
  onRetry: () => void;
}) {
  const down = state.status === "offline" || state.status === "reconnecting";
  return (
    <div className="flex items-center gap-2 text-sm">
      <p
        role="status"
        data-testid="connection-state"
        data-state={state.status}
        className="flex items-center gap-2"
        title={state.lastError ?? undefined}
      >
        <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-full ${DOT[state.status]}`} />
        <span>{LABELS[state.status]}</span>
      </p>
      {down && state.retryDelayMs !== null && (
        <button
          type="button"
          onClick={onRetry}
          className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-50"
        >
          Retry now
        </button>
      )}
    </div>
  );
}
