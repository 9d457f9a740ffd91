"use client";

import { useState } from "react";
import { type PresenceState, type RoomRole, isOnline } from "@chatstack/client";
import { PARTICIPANT_ACTION_LABELS, type ParticipantAction, roleBadge } from "@/lib/labels";

interface Props {
  participants: readonly string[];
  /** The room's real size (the server sends at most its first 1000 names). */
  participantCount: number;
  username: string;
  /** Opens the direct room with a participant; absent where direct messages make no sense. */
  onMessage?: (participant: string) => Promise<void>;
  /** Who is online: a dot next to each participant once known. */
  presence: PresenceState;
  /** Each participant's role, where known (badges). */
  roles?: Readonly<Record<string, RoomRole>>;
  /** The moderation actions offered on a participant (see participantActions in labels.ts). */
  actionsFor?: (participant: string) => readonly ParticipantAction[];
  /** Performs a moderation action; rejects with a readable error. */
  onAction?: (participant: string, action: ParticipantAction) => Promise<void>;
}

/**
 * Current participants of the room, the user first, each with an online dot (green: online,
 * hollow: offline) and a "Message" button next to each other one.
 */
export function ParticipantList({ participants, participantCount, username, onMessage, presence, roles = {}, actionsFor, onAction }: Props) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sorted = [...participants].sort((a, b) =>
    a === username ? -1 : b === username ? 1 : a.localeCompare(b),
  );
  const hidden = Math.max(participantCount - participants.length, 0);

  async function message(name: string) {
    if (!onMessage || busy) return;
    setBusy(name);
    setError(null);
    try {
      await onMessage(name);
    } catch (e) {
      setError(e instanceof Error ? e.message : `Could not open a direct message with ${name}.`);
    } finally {
      setBusy(null);
    }
  }

  async function act(name: string, action: ParticipantAction) {
    if (!onAction || busy) return;
    setBusy(name);
    setError(null);
    try {
      await onAction(name, action);
    } catch (e) {
      setError(e instanceof Error ? e.message : `Could not ${PARTICIPANT_ACTION_LABELS[action].toLowerCase()} ${name}.`);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="text-sm">
      <h3 className="sr-only">Participants</h3>
      <p className="sr-only">{Math.max(participantCount, participants.length)} participants</p>
      <ul data-testid="participants" className="flex flex-wrap gap-1" aria-label="Participants">
        {sorted.map((name) => (
          <li
            key={name}
            data-testid="participant"
            data-name={name}
            data-online={presence.known ? String(isOnline(presence, name)) : undefined}
            className={`flex items-center gap-1 rounded-full px-2 py-0.5 text-xs ${
              name === username ? "bg-blue-100 text-blue-900" : "bg-slate-200 text-slate-700"
            }`}
          >
            {presence.known && <PresenceDot online={isOnline(presence, name)} />}
            {name}
            {roleBadge(roles[name]) && (
              <span
                data-testid="role-badge"
                data-role={roles[name]}
                className={`rounded px-1 text-[10px] font-semibold uppercase ${
                  roles[name] === "OWNER" ? "bg-amber-200 text-amber-900" : "bg-emerald-200 text-emerald-900"
                }`}
              >
                {roleBadge(roles[name])}
              </span>
            )}
            {name === username && <span className="sr-only"> (you)</span>}
            {presence.known && <span className="sr-only">{isOnline(presence, name) ? ", online" : ", offline"}</span>}
            {name !== username && onMessage && (
              <button
                type="button"
                data-testid="message-participant"
                onClick={() => void message(name)}
                disabled={busy !== null}
                aria-label={`Message ${name}`}
                title={`Direct message with ${name}`}
                className="rounded-full border border-slate-400 bg-white px-1.5 text-[11px] text-slate-700 hover:bg-slate-50 disabled:opacity-50"
              >
                {busy === name ? "Opening…" : "Message"}
              </button>
            )}
            {onAction &&
              (actionsFor?.(name) ?? []).map((action) => (
                <button
                  key={action}
                  type="button"
                  data-testid={`participant-${action}`}
                  onClick={() => void act(name, action)}
                  disabled={busy !== null}
                  aria-label={`${PARTICIPANT_ACTION_LABELS[action]} ${name}`}
                  className={`rounded-full border bg-white px-1.5 text-[11px] disabled:opacity-50 ${
                    action === "kick" || action === "ban"
                      ? "border-red-300 text-red-700 hover:bg-red-50"
                      : "border-slate-400 text-slate-700 hover:bg-slate-50"
                  }`}
                >
                  {PARTICIPANT_ACTION_LABELS[action]}
                </button>
              ))}
          </li>
        ))}
        {hidden > 0 && <li className="px-2 py-0.5 text-xs text-slate-500">and {hidden} more</li>}
      </ul>
      {error && (
        <p role="alert" data-testid="participant-error" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** The dot before a name; its meaning is spelled out for screen readers after the name. */
function PresenceDot({ online }: { online: boolean }) {
  return (
    <span
      data-testid="presence-dot"
      data-online={String(online)}
      aria-hidden="true"
      title={online ? "online" : "offline"}
      className={`h-2 w-2 shrink-0 rounded-full ${online ? "bg-green-500" : "border border-slate-500"}`}
    />
  );
}
