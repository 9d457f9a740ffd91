import type { ReadStateUpdate, RoomSummary } from "../types.js";

/** The user's read state of one room. */
export interface UnreadEntry {
  /** Highest seq read; -1: nothing. */
  readonly lastReadSeq: number;
  /** Chat messages from others after lastReadSeq. */
  readonly unreadCount: number;
}

/**
 * The user's read state per room (the unread badges): loaded with the room list (GET
 * /api/rooms/user/{me} entries carry lastReadSeq and unreadCount) and kept current by
 * /user/queue/read-state, which the server sends on every change (reads on any device, new
 * messages). Pure and immutable.
 */
export type UnreadState = ReadonlyMap<number, UnreadEntry>;

export const NO_UNREAD: UnreadState = new Map();

/** The read state of the rooms of a room list (entries without it are skipped). */
export function unreadFromRooms(rooms: readonly RoomSummary[]): UnreadState {
  const state = new Map<number, UnreadEntry>();
  for (const room of rooms) {
    if (isSeq(room.lastReadSeq) && isCount(room.unreadCount)) {
      state.set(room.id, { lastReadSeq: room.lastReadSeq, unreadCount: room.unreadCount });
    }
  }
  return state;
}

/** The read-state update in a MESSAGE body, or undefined when it is not a valid one. */
export function parseReadStateUpdate(json: unknown): ReadStateUpdate | undefined {
  if (!json || typeof json !== "object") return undefined;
  const u = json as Record<string, unknown>;
  if (!Number.isSafeInteger(u.roomId) || !isSeq(u.lastReadSeq) || !isCount(u.unreadCount)) return undefined;
  return { roomId: u.roomId as number, lastReadSeq: u.lastReadSeq, unreadCount: u.unreadCount };
}

/** The state after an update from the server (the latest one wins). */
export function applyReadState(state: UnreadState, update: ReadStateUpdate): UnreadState {
  const old = state.get(update.roomId);
  if (old && old.lastReadSeq === update.lastReadSeq && old.unreadCount === update.unreadCount) return state;
  const next = new Map(state);
  next.set(update.roomId, { lastReadSeq: update.lastReadSeq, unreadCount: update.unreadCount });
  return next;
}

/** The state without a room (the user left it). */
export function forgetUnread(state: UnreadState, roomId: number): UnreadState {
  if (!state.has(roomId)) return state;
  const next = new Map(state);
  next.delete(roomId);
  return next;
}

/** The unread count of a room (0 when unknown). */
export function unreadCountOf(state: UnreadState, roomId: number): number {
  return state.get(roomId)?.unreadCount ?? 0;
}

function isSeq(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= -1;
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}
