"use client";

import { type FormEvent, useId, useState } from "react";
import { Limits, type RoomSummary, type RoomVisibility, type UnreadState, unreadCountOf } from "@chatstack/client";
import { badgeLabel } from "@/lib/labels";
import { roomLabel } from "@/lib/roomNames";
import { LockIcon } from "./LockIcon";

interface Props {
  username: string;
  rooms: readonly RoomSummary[];
  memberOf: ReadonlySet<number>;
  directPeers: Readonly<Record<number, string>>;
  /** Read state per room: the unread badges. */
  unread: UnreadState;
  status: "loading" | "ready" | "error";
  error: string | null;
  selectedId: number | null;
  onSelect: (roomId: number) => void;
  onCreate: (name: string, visibility: RoomVisibility) => Promise<void>;
  onRetry: () => void;
}

/**
 * The rooms the user may see (joined ones marked, private ones locked, unread counts as badges),
 * the direct messages (named after the other user) and a form to create a public or private room.
 */
export function RoomList(props: Props) {
  const { username, rooms, memberOf, directPeers, unread, status, error, selectedId, onSelect, onCreate, onRetry } = props;
  const [name, setName] = useState("");
  const [isPrivate, setPrivate] = useState(false);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();
  const headingId = useId();
  const directHeadingId = useId();
  const privateHintId = useId();
  const listed = rooms.filter((r) => r.visibility !== "DIRECT");
  const direct = rooms.filter((r) => r.visibility === "DIRECT");

  function item(room: RoomSummary) {
    const joined = memberOf.has(room.id) || room.visibility !== "PUBLIC";
    const selected = room.id === selectedId;
    const label = roomLabel(room, username, directPeers);
    const unreadCount = joined ? unreadCountOf(unread, room.id) : 0;
    return (
      <li key={room.id}>
        <button
          type="button"
          data-testid="room-item"
          data-room-id={room.id}
          data-visibility={room.visibility}
          data-label={label}
          data-unread={unreadCount}
          onClick={() => onSelect(room.id)}
          aria-current={selected ? "page" : undefined}
          className={`flex w-full items-center justify-between gap-2 rounded-md px-2 py-2 text-left ${
            selected ? "bg-blue-100 text-blue-900" : "hover:bg-slate-100"
          }`}
        >
          <span className="flex min-w-0 items-center gap-1">
            {room.visibility === "PRIVATE" && <LockIcon testId="private-marker" />}
            <span className="truncate font-medium">{label}</span>
            {room.visibility === "PRIVATE" && <span className="sr-only"> (private)</span>}
            {room.visibility === "DIRECT" && <span className="sr-only"> (direct message)</span>}
          </span>
          <span className="flex shrink-0 items-center gap-1 text-xs text-slate-500">
            {room.visibility !== "DIRECT" && (
              <>
                {room.participantCount}
                <span className="sr-only"> participants</span>
                {joined && <span className="rounded bg-green-100 px-1 text-green-800">joined</span>}
              </>
            )}
            {unreadCount > 0 && (
              <span
                data-testid="unread-badge"
                data-count={unreadCount}
                className="min-w-5 rounded-full bg-red-600 px-1.5 text-center text-[11px] font-semibold text-white"
              >
                {badgeLabel(unreadCount)}
                <span className="sr-only"> unread</span>
              </span>
            )}
          </span>
        </button>
      </li>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (creating) return;
    setCreating(true);
    setCreateError(null);
    try {
      await onCreate(name, isPrivate ? "PRIVATE" : "PUBLIC");
      setName("");
      setPrivate(false);
    } catch (e) {
      setCreateError(e instanceof Error ? e.message : "Could not create the room.");
    } finally {
      setCreating(false);
    }
  }

  return (
    <nav aria-labelledby={headingId} className="flex h-full flex-col">
      <h2 id={headingId} className="px-4 pt-4 pb-2 text-sm font-semibold tracking-wide text-slate-500 uppercase">
        Rooms
      </h2>
      <form onSubmit={submit} className="space-y-1 px-4 pb-3" noValidate>
        <label htmlFor={inputId} className="block text-sm font-medium">
          New room name
        </label>
        <div className="flex gap-2">
          <input
            id={inputId}
            data-testid="create-room-input"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setCreateError(null);
            }}
            maxLength={Limits.maxRoomNameLength}
            className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1.5"
            aria-invalid={createError ? true : undefined}
            aria-describedby={createError ? errorId : undefined}
          />
          <button
            type="submit"
            data-testid="create-room-submit"
            disabled={creating || !name.trim()}
            className="rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700 disabled:cursor-not-allowed disabled:bg-slate-300"
          >
            {creating ? "Creating…" : "Create"}
          </button>
        </div>
        <div className="flex items-center gap-2 text-sm">
          <label className="flex items-center gap-1">
            <input
              type="checkbox"
              data-testid="create-room-private"
              checked={isPrivate}
              onChange={(e) => setPrivate(e.target.checked)}
              aria-describedby={privateHintId}
            />
            Private
          </label>
          <span id={privateHintId} className="text-xs text-slate-500">
            only people you invite see it
          </span>
        </div>
        {createError && (
          <p id={errorId} role="alert" className="text-sm text-red-700">
            {createError}
          </p>
        )}
      </form>
      <div className="min-h-0 flex-1 overflow-y-auto px-2 pb-4">
        {status === "loading" && rooms.length === 0 && <p className="px-2 text-sm text-slate-500">Loading rooms…</p>}
        {status === "error" && (
          <div role="alert" className="mx-2 mb-2 rounded-md bg-red-50 p-2 text-sm text-red-800">
            <p>Could not load rooms: {error}</p>
            <button type="button" onClick={onRetry} className="mt-1 underline">
              Try again
            </button>
          </div>
        )}
        {status === "ready" && listed.length === 0 && (
          <p className="px-2 text-sm text-slate-500">No rooms yet. Create the first one above.</p>
        )}
        <ul data-testid="room-list" data-status={status} className="space-y-1">
          {listed.map(item)}
        </ul>
        {direct.length > 0 && (
          <section aria-labelledby={directHeadingId} className="mt-4">
            <h2 id={directHeadingId} className="px-2 pb-1 text-sm font-semibold tracking-wide text-slate-500 uppercase">
              Direct messages
            </h2>
            <ul data-testid="direct-list" className="space-y-1">
              {direct.map(item)}
            </ul>
          </section>
        )}
      </div>
    </nav>
  );
}
