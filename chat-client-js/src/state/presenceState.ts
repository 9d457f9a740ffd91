import type { PresenceEvent } from "../types.js";

/**
 * Who is online in the open room, from /topic/chat/{roomId}/presence: every subscription starts
 * with a snapshot (so a re-subscription after a reconnect replaces whatever was known), then
 * online / offline changes. {@code count} is the server's exact number (the snapshot's names are
 * capped, the count is not). Pure and immutable: functions return a new state, or the same one
 * when nothing changed.
 */
export interface PresenceState {
  /** False until the first snapshot: nothing is known about anyone yet. */
  readonly known: boolean;
  readonly online: ReadonlySet<string>;
  readonly count: number;
}

export const UNKNOWN_PRESENCE: PresenceState = { known: false, online: new Set(), count: 0 };

/** The presence event in a MESSAGE body, or undefined when it is not a valid one. */
export function parsePresenceEvent(json: unknown): PresenceEvent | undefined {
  if (!json || typeof json !== "object") return undefined;
  const e = json as Record<string, unknown>;
  if (!isCount(e.count)) return undefined;
  if (e.type === "snapshot") {
    if (!Array.isArray(e.online) || !e.online.every((u) => typeof u === "string")) return undefined;
    return { type: "snapshot", online: e.online as string[], count: e.count };
  }
  if ((e.type === "online" || e.type === "offline") && typeof e.user === "string" && e.user) {
    return { type: e.type, user: e.user, count: e.count };
  }
  return undefined;
}

/** The state after an event. Changes before the first snapshot are ignored (it includes them). */
export function applyPresence(state: PresenceState, event: PresenceEvent): PresenceState {
  if (event.type === "snapshot") {
    return { known: true, online: new Set(event.online), count: event.count };
  }
  if (!state.known) return state;
  const has = state.online.has(event.user);
  const wanted = event.type === "online";
  if (has === wanted && state.count === event.count) return state;
  const online = new Set(state.online);
  if (wanted) online.add(event.user);
  else online.delete(event.user);
  return { known: true, online, count: event.count };
}

/** Whether the user is known to be online. */
export function isOnline(state: PresenceState, user: string): boolean {
  return state.known && state.online.has(user);
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}
