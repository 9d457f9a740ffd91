import { api } from "./api";
import { ChatConnection } from "./chatConnection";
import { ChatError } from "./errors";
import { newUuid } from "./ids";
import { mergeMessages, oldestSeq } from "./messageMerge";
import { type PendingSend, PendingSends } from "./pendingSends";
import { Limits } from "./protocol";
import { type ConnectionState, INITIAL_STATE, canSend } from "./reconnect";
import { SeqTracker } from "./seqTracker";
import type { ChatMessage, Room, RoomEvent } from "./types";

export interface RoomView {
  roomId: number;
  room: Room | null;
  messages: readonly ChatMessage[];
  hasMore: boolean;
  status: "loading" | "ready" | "error";
  loadingOlder: boolean;
  error: string | null;
}

/** A message confirmed by RECEIPT whose MESSAGE frame has not arrived yet (shown meanwhile). */
export interface ConfirmedEcho {
  clientMsgId: string;
  roomId: number;
  content: string;
  createdAt: number;
}

export interface Notice {
  id: number;
  text: string;
}

export interface ChatSnapshot {
  username: string;
  connection: ConnectionState;
  rooms: readonly Room[];
  roomsStatus: "loading" | "ready" | "error";
  roomsError: string | null;
  current: RoomView | null;
  /** Own messages of the current room not yet confirmed (retried after reconnect). */
  pending: readonly PendingSend[];
  /** Own messages of the current room confirmed but not yet delivered back. */
  echoes: readonly ConfirmedEcho[];
  notices: readonly Notice[];
}

const MAX_NOTICES = 4;

/**
 * Client-side state of one signed-in user: rooms, the open room's messages, pending sends and
 * the connection. Framework-agnostic; React reads it with useSyncExternalStore (subscribe /
 * getSnapshot). Every change produces a new immutable snapshot. Browser main thread only.
 */
export class ChatStore {
  private snapshot: ChatSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly tracker = new SeqTracker();
  private readonly pendingSends = new PendingSends();
  private readonly confirmed = new Map<string, ConfirmedEcho>();
  private readonly connection: ChatConnection;
  private openToken = 0;
  private noticeId = 0;
  private stopped = false;

  constructor(readonly username: string) {
    this.snapshot = {
      username,
      connection: INITIAL_STATE,
      rooms: [],
      roomsStatus: "loading",
      roomsError: null,
      current: null,
      pending: [],
      echoes: [],
      notices: [],
    };
    this.connection = new ChatConnection(
      username,
      {
        state: (connection) => this.update({ connection }),
        ready: (reconnected) => this.onReady(reconnected),
        message: (message) => this.onMessage(message),
        roomEvent: (event) => this.onRoomEvent(event),
        serverError: (text, clientMsgId) => this.onServerError(text, clientMsgId),
        receipt: (receiptId) => this.onReceipt(receiptId),
      },
      (roomId) => this.tracker.get(roomId),
    );
  }

  // ---- React glue -------------------------------------------------------------------------
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ChatSnapshot => this.snapshot;

  // ---- lifecycle ----------------------------------------------------------------------------
  start(): void {
    this.stopped = false;
    this.connection.start();
    void this.refreshRooms();
  }

  stop(): void {
    this.stopped = true;
    this.openToken++;
    this.connection.stop();
  }

  retryNow(): void {
    this.connection.retryNow();
  }

  browserOnline(online: boolean): void {
    this.connection.browserOnline(online);
  }

  // ---- rooms --------------------------------------------------------------------------------
  async refreshRooms(): Promise<void> {
    try {
      const rooms = await api.rooms();
      if (this.stopped) return;
      this.update({ rooms: sortRooms(rooms), roomsStatus: "ready", roomsError: null });
    } catch (e) {
      if (this.stopped) return;
      this.update({ roomsStatus: "error", roomsError: messageOf(e) });
    }
  }

  /** Creates a room (the user becomes its first participant). Throws ChatError on failure. */
  async createRoom(name: string): Promise<Room> {
    const trimmed = name.trim();
    if (!trimmed) throw new ChatError("Please enter a room name.");
    if (trimmed.length > Limits.maxRoomNameLength) {
      throw new ChatError(`Room names have at most ${Limits.maxRoomNameLength} characters.`);
    }
    const room = await api.createRoom(trimmed, this.username);
    this.upsertRoom(room);
    return room;
  }

  /** Opens a room: joins it when needed, loads recent history, then subscribes for live ones. */
  async openRoom(roomId: number): Promise<void> {
    const token = ++this.openToken;
    this.connection.setRoom(null);
    const known = this.snapshot.rooms.find((r) => r.id === roomId) ?? null;
    this.update({
      current: {
        roomId,
        room: known,
        messages: [],
        hasMore: false,
        status: "loading",
        loadingOlder: false,
        error: null,
      },
    });
    this.refreshPending();
    try {
      let room = await api.room(roomId);
      if (!room.participants.includes(this.username)) {
        room = await api.join(roomId, this.username);
      }
      const page = await api.recent(roomId);
      if (token !== this.openToken) return;
      this.upsertRoom(room);
      this.tracker.observeAll(roomId, page.messages.map((m) => m.seq));
      this.updateCurrent(roomId, (view) => ({
        ...view,
        room,
        messages: mergeMessages(view.messages, page.messages),
        hasMore: page.hasMore,
        status: "ready",
      }));
      for (const m of page.messages) this.settle(m);
      this.connection.setRoom(roomId);
    } catch (e) {
      if (token !== this.openToken) return;
      this.updateCurrent(roomId, (view) => ({ ...view, status: "error", error: messageOf(e) }));
    }
  }

  /** Closes the open room view (unsubscribes; stays a participant). */
  closeRoom(): void {
    this.openToken++;
    this.connection.setRoom(null);
    this.update({ current: null });
    this.refreshPending();
  }

  /** Leaves the open room (removes the user from its participants) and closes it. */
  async leaveRoom(): Promise<void> {
    const current = this.snapshot.current;
    if (!current) return;
    const room = await api.leave(current.roomId, this.username);
    this.upsertRoom(room);
    this.tracker.forget(current.roomId);
    if (this.snapshot.current?.roomId === current.roomId) this.closeRoom();
  }

  /** Loads the page of messages older than the oldest shown. (Bound: usable as a callback.) */
  loadOlder = async (): Promise<void> => {
    const view = this.snapshot.current;
    if (!view || view.status !== "ready" || !view.hasMore || view.loadingOlder) return;
    const before = oldestSeq(view.messages);
    if (before === undefined) return;
    const roomId = view.roomId;
    const token = this.openToken;
    this.updateCurrent(roomId, (v) => ({ ...v, loadingOlder: true }));
    try {
      const page = await api.before(roomId, before);
      if (token !== this.openToken) return;
      this.updateCurrent(roomId, (v) => ({
        ...v,
        messages: mergeMessages(v.messages, page.messages),
        hasMore: page.hasMore,
        loadingOlder: false,
      }));
    } catch (e) {
      if (token !== this.openToken) return;
      this.updateCurrent(roomId, (v) => ({ ...v, loadingOlder: false }));
      this.notify(`Could not load older messages: ${messageOf(e)}`);
    }
  };

  // ---- sending ------------------------------------------------------------------------------
  /** Sends a message to the open room. Returns false (and sends nothing) when not possible. */
  send(content: string): boolean {
    const view = this.snapshot.current;
    const text = content.trim();
    if (!view || view.status !== "ready" || !text || !canSend(this.snapshot.connection)) {
      return false;
    }
    if (text.length > Limits.maxContentLength) {
      this.notify(`Messages have at most ${Limits.maxContentLength} characters.`);
      return false;
    }
    const entry = this.pendingSends.add(newUuid(), view.roomId, text, Date.now());
    this.transmit(entry);
    this.refreshPending();
    return true;
  }

  /** Gives up on a pending message (it may still have reached the server). */
  discardPending(clientMsgId: string): void {
    this.pendingSends.settle(clientMsgId);
    this.refreshPending();
  }

  dismissNotice(id: number): void {
    this.update({ notices: this.snapshot.notices.filter((n) => n.id !== id) });
  }

  private transmit(entry: PendingSend): void {
    const receiptId = `send-${entry.clientMsgId}-${entry.attempts + 1}`;
    this.pendingSends.markAttempt(entry.clientMsgId, receiptId);
    this.connection.send(entry.roomId, entry.content, entry.clientMsgId, receiptId);
  }

  // ---- connection events --------------------------------------------------------------------
  private onReady(reconnected: boolean): void {
    // Retry everything unconfirmed with the same clientMsgId: the server stores it once.
    for (const entry of this.pendingSends.all()) this.transmit(entry);
    this.refreshPending();
    if (reconnected || this.snapshot.roomsStatus === "error") void this.refreshRooms();
    const view = this.snapshot.current;
    if (view?.status === "error") {
      void this.openRoom(view.roomId);
    } else if (reconnected && view?.status === "ready") {
      api.room(view.roomId).then(
        (room) => this.upsertRoom(room),
        () => undefined,
      );
    }
  }

  private onMessage(message: ChatMessage): void {
    this.settle(message);
    const view = this.snapshot.current;
    if (!view || view.roomId !== message.roomId || view.status !== "ready") return;
    this.tracker.observe(message.roomId, message.seq);
    this.updateCurrent(message.roomId, (v) => ({
      ...v,
      messages: mergeMessages(v.messages, [message]),
    }));
  }

  private onRoomEvent(event: RoomEvent): void {
    this.upsertRoom(event.room);
  }

  private onServerError(text: string, clientMsgId?: string): void {
    if (clientMsgId) {
      const entry = this.pendingSends.settle(clientMsgId);
      this.refreshPending();
      if (entry) {
        this.notify(`Your message "${abbreviate(entry.content)}" was not sent: ${text}`);
        return;
      }
    }
    this.notify(text);
  }

  private onReceipt(receiptId: string): void {
    const entry = this.pendingSends.settleByReceipt(receiptId);
    if (!entry) return;
    const delivered = this.snapshot.current?.messages.some(
      (m) => m.clientMsgId === entry.clientMsgId,
    );
    if (!delivered) {
      const { clientMsgId, roomId, content, createdAt } = entry;
      this.confirmed.set(clientMsgId, { clientMsgId, roomId, content, createdAt });
    }
    this.refreshPending();
  }

  // ---- helpers ------------------------------------------------------------------------------
  private settle(message: ChatMessage): void {
    const wasPending = this.pendingSends.settleByMessage(message);
    const wasEcho = message.clientMsgId ? this.confirmed.delete(message.clientMsgId) : false;
    if (wasPending || wasEcho) this.refreshPending();
  }

  private refreshPending(): void {
    const roomId = this.snapshot.current?.roomId;
    this.update({
      pending: roomId === undefined ? [] : this.pendingSends.forRoom(roomId),
      echoes:
        roomId === undefined ? [] : [...this.confirmed.values()].filter((e) => e.roomId === roomId),
    });
  }

  private upsertRoom(room: Room): void {
    const others = this.snapshot.rooms.filter((r) => r.id !== room.id);
    const current = this.snapshot.current;
    this.update({
      rooms: sortRooms([...others, room]),
      current: current && current.roomId === room.id ? { ...current, room } : current,
    });
  }

  private updateCurrent(roomId: number, change: (view: RoomView) => RoomView): void {
    const view = this.snapshot.current;
    if (!view || view.roomId !== roomId) return;
    this.update({ current: change(view) });
  }

  private notify(text: string): void {
    const notice = { id: ++this.noticeId, text };
    this.update({ notices: [...this.snapshot.notices, notice].slice(-MAX_NOTICES) });
  }

  private update(patch: Partial<ChatSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}

function sortRooms(rooms: Room[]): Room[] {
  return [...rooms].sort((a, b) => a.id - b.id);
}

function messageOf(e: unknown): string {
  if (e instanceof Error && e.message) return e.message;
  return "Something went wrong.";
}

function abbreviate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
