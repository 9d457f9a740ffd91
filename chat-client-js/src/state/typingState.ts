import { TYPING_DISPLAY_MS } from "../protocol.js";
import type { TypingEvent } from "../types.js";

/**
 * Who is typing in the open room, from /topic/chat/{roomId}/typing. Each typing user has an
 * expiry: a "true" (re)starts it, a "false", their next chat message or the expiry ends it (the
 * expiry is a safety net for a lost "false"; the server sends one itself after its timeout). The
 * user's own signals are ignored. Pure and immutable; the caller passes the time.
 */
export interface TypingState {
  /** User → epoch ms at which the indicator disappears, in the order they started typing. */
  readonly until: ReadonlyMap<string, number>;
}

export const NO_TYPING: TypingState = { until: new Map() };

/** The typing event in a MESSAGE body, or undefined when it is not a valid one. */
export function parseTypingEvent(json: unknown): TypingEvent | undefined {
  if (!json || typeof json !== "object") return undefined;
  const e = json as Record<string, unknown>;
  if (typeof e.user !== "string" || !e.user || typeof e.typing !== "boolean") return undefined;
  return { user: e.user, typing: e.typing };
}

/** The state after a typing event received at {@code now}. */
export function applyTyping(
  state: TypingState,
  event: TypingEvent,
  me: string,
  now: number,
  displayMs: number = TYPING_DISPLAY_MS,
): TypingState {
  if (event.user === me) return state;
  if (!event.typing) return withoutUser(state, event.user);
  const until = new Map(state.until);
  until.set(event.user, now + displayMs);
  return { until };
}

/** The state after a chat message of {@code sender} arrived: they are done typing it. */
export function messageArrived(state: TypingState, sender: string): TypingState {
  return withoutUser(state, sender);
}

/** The state without the users whose indicator expired at {@code now}. */
export function expireTyping(state: TypingState, now: number): TypingState {
  const left = [...state.until].filter(([, until]) => until > now);
  return left.length === state.until.size ? state : { until: new Map(left) };
}

/** The users shown as typing, in the order they started. */
export function typingUsers(state: TypingState): string[] {
  return [...state.until.keys()];
}

/** The earliest expiry (epoch ms), or undefined when nobody is typing. */
export function nextExpiry(state: TypingState): number | undefined {
  let earliest: number | undefined;
  for (const until of state.until.values()) if (earliest === undefined || until < earliest) earliest = until;
  return earliest;
}

function withoutUser(state: TypingState, user: string): TypingState {
  if (!state.until.has(user)) return state;
  const until = new Map(state.until);
  until.delete(user);
  return { until };
}
