import type { ReadStateUpdate, UnreadEntry } from "@chatstack/client";
import { MARK_READ_DEBOUNCE_MS } from "./protocol";

/** What the marker needs to know about the open room, or null when none is open and loaded. */
export interface OpenRoomReading {
  roomId: number;
  /** Highest seq shown. */
  newestSeq: number | undefined;
  /** The room's read state as the server last said. */
  entry: UnreadEntry | undefined;
}

/**
 * Sends read marks for the open room: when its newest message is in view (scrolled to the bottom,
 * page visible), shortly after things settle (debounced), each seq at most once until the
 * server's read-state update confirms it (see {@link readTarget}). Browser main thread only.
 */
export class ReadMarker {
  private atBottom = true;
  private visible = true;
  /** Marks sent and not yet confirmed, per room. */
  private readonly sent = new Map<number, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly openRoom: () => OpenRoomReading | null,
    /** Sends {"seq"} to the room; false when it could not be sent (not connected). */
    private readonly send: (roomId: number, seq: number) => boolean,
    private readonly debounceMs: number = MARK_READ_DEBOUNCE_MS,
  ) {}

  /** Whether the open room is scrolled to its newest message. */
  setAtBottom(atBottom: boolean): void {
    this.atBottom = atBottom;
    this.check();
  }

  /** Whether the page is visible. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.check();
  }

  /** Something changed (messages, room, connection, read state): marks read if now due. */
  check(): void {
    if (this.timer !== null || this.target() === null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const room = this.openRoom();
      const seq = this.target();
      if (room && seq !== null && this.send(room.roomId, seq)) this.sent.set(room.roomId, seq);
    }, this.debounceMs);
  }

  /** The server's read state of a room changed: a mark it covers is confirmed. */
  confirmed(update: ReadStateUpdate): void {
    const sent = this.sent.get(update.roomId);
    if (sent !== undefined && update.lastReadSeq >= sent) this.sent.delete(update.roomId);
    this.check();
  }

  /** Forgets the unconfirmed marks (after a reconnect or a fresh room list they may be lost). */
  reset(): void {
    this.sent.clear();
    this.check();
  }

  /** Cancels a pending mark. */
  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private target(): number | null {
    const room = this.openRoom();
    if (!room) return null;
    return readTarget({
      newestSeq: room.newestSeq,
      entry: room.entry,
      lastSent: this.sent.get(room.roomId),
      atBottom: this.atBottom,
      visible: this.visible,
    });
  }
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
 * The seq to send in a read mark, or null when nothing needs to be sent: only while the newest
 * message is in view, and only when it is newer than what is known to be read and than what was
 * already sent.
 */
export function readTarget({ newestSeq, entry, lastSent, atBottom, visible }: ReadingState): number | null {
  if (!atBottom || !visible || newestSeq === undefined || newestSeq < 0) return null;
  if (lastSent !== undefined && newestSeq <= lastSent) return null;
  if (entry && newestSeq <= entry.lastReadSeq) return null; // newer unread ones are not shown yet
  return newestSeq;
}
