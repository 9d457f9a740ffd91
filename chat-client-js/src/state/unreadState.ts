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

/** The badge text: the count, capped at "99+". */
export function badgeLabel(count: number): string {
  return count > 99 ? "99+" : String(count);
}

/** What decides whether to mark the open room read. */
export interface ReadingState {
  /** Highest seq shown in the open room, if any. */
  newestSeq: number | undefined;
  /** The room's read state as the server last said, if known. */
  entry: UnreadEntry | undefined;
  /** The seq this page last asked to mark read (not confirmed yet), if any. */
  lastSent: number | undefined;
  /** Whether the reader is scrolled to the newest message. */
  atBottom: boolean;
  /** Whether the page is visible. */
  visible: boolean;
}

/**
 * The seq to send in a read mark ({"seq": N} to /app/chat/read/{roomId}), or null when nothing
 * needs to be sent: only while the newest message is in view, and only when it is newer than
 * what is known to be read and than what was already sent.
 */
export function readTarget({ newestSeq, entry, lastSent, atBottom, visible }: ReadingState): number | null {
  if (!atBottom || !visible || newestSeq === undefined || newestSeq < 0) return null;
  if (lastSent !== undefined && newestSeq <= lastSent) return null;
  if (entry && newestSeq <= entry.lastReadSeq) return null; // newer unread ones are not shown yet
  return newestSeq;
}

function isSeq(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= -1;
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}
