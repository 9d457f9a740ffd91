import { type ChatApi, chatApi } from "./api";
import { ChatConnection } from "./chatConnection";
import { ChatError } from "./errors";
import { newUuid } from "./ids";
import { applyChange, isChange } from "./messageChanges";
import { mergeMessages, oldestSeq } from "./messageMerge";
import { type PendingSend, PendingSends } from "./pendingSends";
import { type PresenceState, UNKNOWN_PRESENCE, applyPresence } from "./presenceState";
import { Limits } from "./protocol";
import { ReadMarker } from "./readMarker";
import { NO_RECEIPTS, type Receipts, applyReceipt } from "./receiptsState";
import { type ConnectionState, INITIAL_STATE, canSend } from "./reconnect";
import {
  EMPTY_ROOM_LIST,
  roomListOf,
  type RoomListState,
  afterLeaving,
  applyRoomEvent,
  applyToOpenRoom,
  isMember,
  setMember,
  upsertRoom,
} from "./roomList";
import { directPeer, roomLabel } from "./roomNames";
import { SeqTracker } from "./seqTracker";
import type {
  ChatMessage,
  PresenceEvent,
  ReadReceipt,
  ReadStateUpdate,
  Room,
  RoomEvent,
  RoomSummary,
  RoomVisibility,
  TypingEvent,
} from "./types";
import { TypingSignal } from "./typingSignal";
import { NO_TYPING, type TypingState, applyTyping, expireTyping, messageArrived, nextExpiry } from "./typingState";
import { NO_UNREAD, type UnreadState, applyReadState, forgetUnread, unreadFromRooms } from "./unreadState";

export interface RoomView {
  roomId: number;
  /** The list entry while the room loads (title), null when the room is not listed. */
  summary: RoomSummary | null;
  /** The room with its participants, once loaded. */
  room: Room | null;
  messages: readonly ChatMessage[];
  hasMore: boolean;
  status: "loading" | "ready" | "error";
  loadingOlder: boolean;
  error: string | null;
  /** Who is online (from the presence subscription). */
  presence: PresenceState;
  /** Who else is typing. */
  typing: TypingState;
  /** How far the others have read (for "Seen by"). */
  receipts: Receipts;
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
  /** "error" (default) for failures, "info" for news such as losing access to a room. */
  tone: "error" | "info";
}

export interface ChatSnapshot {
  username: string;
  connection: ConnectionState;
  /** Rooms the user may see, sorted by id. */
  rooms: readonly RoomSummary[];
  /** Ids of the rooms the user is a participant of. */
  memberOf: ReadonlySet<number>;
  /** The other user of each direct room, where known (see roomNames.ts). */
  directPeers: Readonly<Record<number, string>>;
  /** The last room the server closed for this user (left elsewhere, removed); token changes each time. */
  closedByServer: { roomId: number; token: number } | null;
  roomsStatus: "loading" | "ready" | "error";
  roomsError: string | null;
  current: RoomView | null;
  /** Own messages of the current room not yet confirmed (retried after reconnect). */
  pending: readonly PendingSend[];
  /** Own messages of the current room confirmed but not yet delivered back. */
  echoes: readonly ConfirmedEcho[];
  notices: readonly Notice[];
  /** Read state per room the user is in (unread badges). */
  unread: UnreadState;
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
  private readonly api: ChatApi;
  private list: RoomListState = EMPTY_ROOM_LIST;
  private readonly peerLookups = new Set<number>();
  /** The room being left from this page: losing it is expected, not news. */
  private leaving: number | null = null;
  private closedToken = 0;
  /** Whether the participants of the room being opened changed before it was loaded. */
  private changedWhileOpening = false;
  private openToken = 0;
  private noticeId = 0;
  private stopped = false;
  private readonly typingSignal = new TypingSignal();
  /** The room the typing signal was last sent to. */
  private typingRoom: number | null = null;
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly readMarker: ReadMarker;

  constructor(readonly username: string) {
    this.snapshot = {
      username,
      connection: INITIAL_STATE,
      rooms: [],
      memberOf: EMPTY_ROOM_LIST.memberOf,
      directPeers: {},
      closedByServer: null,
      roomsStatus: "loading",
      roomsError: null,
      current: null,
      pending: [],
      echoes: [],
      notices: [],
      unread: NO_UNREAD,
    };
    this.api = chatApi(username);
    this.connection = new ChatConnection(
      username,
      {
        state: (connection) => this.update({ connection }),
        ready: (reconnected) => this.onReady(reconnected),
        message: (message) => this.onMessage(message),
        roomEvent: (event) => this.onRoomEvent(event),
        serverError: (text, clientMsgId) => this.onServerError(text, clientMsgId),
        receipt: (receiptId) => this.onReceipt(receiptId),
        revoked: (roomId) => this.loseRoom(roomId),
        presence: (roomId, event) => this.onPresence(roomId, event),
        typing: (roomId, event) => this.onTyping(roomId, event),
        readReceipt: (roomId, receipt) => this.onReadReceipt(roomId, receipt),
        readState: (update) => this.onReadState(update),
      },
      (roomId) => this.tracker.get(roomId),
    );
    this.readMarker = new ReadMarker(
      () => {
        const view = this.snapshot.current;
        if (!view || view.status !== "ready" || this.stopped || !canSend(this.snapshot.connection)) return null;
        const newestSeq = view.messages[view.messages.length - 1]?.seq;
        return { roomId: view.roomId, newestSeq, entry: this.snapshot.unread.get(view.roomId) };
      },
      (roomId, seq) => this.connection.markRead(roomId, seq),
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
    if (this.typingTimer !== null) clearTimeout(this.typingTimer);
    this.typingTimer = null;
    this.readMarker.stop();
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
      const [visible, mine] = await Promise.all([this.api.rooms(), this.api.myRooms()]);
      if (this.stopped) return;
      this.setList(roomListOf(visible, mine));
      this.update({ roomsStatus: "ready", roomsError: null, unread: unreadFromRooms(mine) });
      this.readMarker.reset();
    } catch (e) {
      if (this.stopped) return;
      this.update({ roomsStatus: "error", roomsError: messageOf(e) });
    }
  }

  /** Creates a room (the user becomes its first participant). Throws ChatError on failure. */
  async createRoom(name: string, visibility: RoomVisibility = "PUBLIC"): Promise<Room> {
    const trimmed = name.trim();
    if (!trimmed) throw new ChatError("Please enter a room name.");
    if (trimmed.length > Limits.maxRoomNameLength) {
      throw new ChatError(`Room names have at most ${Limits.maxRoomNameLength} characters.`);
    }
    const room = await this.api.createRoom(trimmed, visibility);
    this.upsertRoom(room, true);
    return room;
  }

  /** The direct room of the user and {@code other} (created when needed), listed. Throws ChatError. */
  async openDirect(other: string): Promise<Room> {
    const room = await this.api.direct(other);
    this.upsertRoom(room, true);
    return room;
  }

  /** Adds {@code invitee} to the open (private) room. Throws ChatError on failure. */
  async invite(invitee: string): Promise<Room> {
    const view = this.snapshot.current;
    const name = invitee.trim();
    if (!view?.room) throw new ChatError("Open a room first.");
    if (!name) throw new ChatError("Please enter the user name to invite.");
    if (name.length > Limits.maxUsernameLength) {
      throw new ChatError(`User names have at most ${Limits.maxUsernameLength} characters.`);
    }
    const room = await this.api.addParticipant(view.roomId, name);
    this.upsertRoom(room, true);
    return room;
  }

  /** Opens a room: joins it when needed (public rooms), loads recent history, then subscribes. */
  async openRoom(roomId: number): Promise<void> {
    const token = ++this.openToken;
    this.stopTyping();
    this.connection.setRoom(null);
    this.changedWhileOpening = false;
    const summary = this.list.rooms.find((r) => r.id === roomId) ?? null;
    this.update({
      current: {
        roomId,
        summary,
        room: null,
        messages: [],
        hasMore: false,
        status: "loading",
        loadingOlder: false,
        error: null,
        presence: UNKNOWN_PRESENCE,
        typing: NO_TYPING,
        receipts: NO_RECEIPTS,
      },
    });
    this.refreshPending();
    try {
      // Private and direct rooms are visible to participants only: seeing one means being in it.
      let room = await this.api.room(roomId);
      if (!isMember(this.list, room) && !room.participants.includes(this.username)) {
        room = await this.api.addParticipant(roomId, this.username);
      }
      const page = await this.api.recent(roomId);
      if (token !== this.openToken) return;
      this.upsertRoom(room, true);
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
      if (this.changedWhileOpening) this.reloadRoom(roomId);
      this.readMarker.check();
    } catch (e) {
      if (token !== this.openToken) return;
      this.updateCurrent(roomId, (view) => ({ ...view, status: "error", error: messageOf(e) }));
    }
  }

  /** Closes the open room view (unsubscribes; stays a participant). */
  closeRoom(): void {
    this.openToken++;
    this.stopTyping();
    this.connection.setRoom(null);
    this.update({ current: null });
    this.refreshPending();
  }

  /** Leaves the open room (removes the user from its participants) and closes it. */
  async leaveRoom(): Promise<void> {
    const current = this.snapshot.current;
    if (!current) return;
    const roomId = current.roomId;
    this.leaving = roomId;
    try {
      const room = await this.api.leave(roomId);
      this.setList(afterLeaving(this.list, room ?? current.room ?? current.summary ?? undefined, roomId));
      this.tracker.forget(roomId);
      this.update({ unread: forgetUnread(this.snapshot.unread, roomId) });
      this.connection.abandonRoom(roomId); // the server ends its subscriptions
      if (this.snapshot.current?.roomId === roomId) this.closeRoom();
    } finally {
      if (this.leaving === roomId) this.leaving = null;
    }
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
      const page = await this.api.before(roomId, before);
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
  send(content: string, replyTo?: string): boolean {
    const view = this.snapshot.current;
    const text = content.trim();
    if (!view || view.status !== "ready" || !text || !canSend(this.snapshot.connection)) {
      return false;
    }
    if (text.length > Limits.maxContentLength) {
      this.notify(`Messages have at most ${Limits.maxContentLength} characters.`);
      return false;
    }
    const entry = this.pendingSends.add(newUuid(), view.roomId, text, Date.now(), replyTo);
    this.transmit(entry);
    this.refreshPending();
    this.stopTyping();
    return true;
  }

  /** Edits one of the user's messages in the open room (refusals arrive as notices). */
  editMessage(messageId: string, content: string): boolean {
    const view = this.snapshot.current;
    const text = content.trim();
    if (!view || !text || !canSend(this.snapshot.connection)) return false;
    return this.connection.edit(view.roomId, messageId, text);
  }

  /** Deletes one of the user's messages in the open room. */
  deleteMessage(messageId: string): boolean {
    const view = this.snapshot.current;
    if (!view || !canSend(this.snapshot.connection)) return false;
    return this.connection.deleteMessage(view.roomId, messageId);
  }

  /** Adds or removes the user's reaction on a message of the open room. */
  react(messageId: string, emoji: string, add: boolean): boolean {
    const view = this.snapshot.current;
    if (!view || !canSend(this.snapshot.connection)) return false;
    return this.connection.react(view.roomId, messageId, emoji, add);
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
    this.connection.send(entry.roomId, entry.content, entry.clientMsgId, receiptId, entry.replyTo);
  }

  // ---- typing -------------------------------------------------------------------------------
  /** The composer's text changed: tells the others that the user is (no longer) typing. */
  composerChanged(text: string): void {
    const view = this.snapshot.current;
    if (!view || view.status !== "ready") return;
    const typing = this.typingSignal.changed(text, Date.now());
    if (typing === null) return;
    this.typingRoom = view.roomId;
    if (!this.connection.sendTyping(view.roomId, typing)) this.typingSignal.reset();
  }

  /** The composer lost focus (or the message was sent): the user stopped typing. */
  composerIdle(): void {
    this.stopTyping();
  }

  private stopTyping(): void {
    if (this.typingSignal.stopped() === false && this.typingRoom !== null) {
      this.connection.sendTyping(this.typingRoom, false);
    }
  }

  // ---- reading ------------------------------------------------------------------------------
  /** Whether the open room is scrolled to its newest message (read marks are sent only then). Bound. */
  setAtBottom = (atBottom: boolean): void => {
    this.readMarker.setAtBottom(atBottom);
  };

  /** Whether the page is visible (a hidden tab reads nothing). */
  pageVisible(visible: boolean): void {
    this.readMarker.setVisible(visible);
  }

  // ---- connection events --------------------------------------------------------------------
  private onReady(reconnected: boolean): void {
    // The server may have ended the typing state and missed read marks: start afresh.
    this.typingSignal.reset();
    this.readMarker.reset();
    this.updateCurrent(this.snapshot.current?.roomId ?? -1, (v) => ({ ...v, typing: NO_TYPING }));
    // Retry everything unconfirmed with the same clientMsgId: the server stores it once.
    for (const entry of this.pendingSends.all()) this.transmit(entry);
    this.refreshPending();
    if (reconnected || this.snapshot.roomsStatus === "error") void this.refreshRooms();
    const view = this.snapshot.current;
    if (view?.status === "error") {
      void this.openRoom(view.roomId);
    } else if (reconnected && view?.status === "ready") {
      this.reloadRoom(view.roomId); // participants may have changed while offline
    }
  }

  /** Fetches the open room again; a 404 means access was lost meanwhile. */
  private reloadRoom(roomId: number): void {
    this.api.room(roomId).then(
      (room) => this.upsertRoom(room, true),
      (e) => {
        if (e instanceof ChatError && e.status === 404) this.loseRoom(roomId);
      },
    );
  }

  private onMessage(message: ChatMessage): void {
    if (isChange(message)) {
      // A change record: seq-bearing (so a resubscription starts after it) but not a list entry.
      const current = this.snapshot.current;
      if (!current || current.roomId !== message.roomId || current.status !== "ready") return;
      this.tracker.observe(message.roomId, message.seq);
      this.updateCurrent(message.roomId, (v) => ({ ...v, messages: applyChange(v.messages, message) }));
      return;
    }
    this.settle(message);
    const view = this.snapshot.current;
    if (!view || view.roomId !== message.roomId || view.status !== "ready") return;
    this.tracker.observe(message.roomId, message.seq);
    this.updateCurrent(message.roomId, (v) => ({
      ...v,
      messages: mergeMessages(v.messages, [message]),
      typing: message.type === "CHAT" ? messageArrived(v.typing, message.sender) : v.typing,
    }));
    this.readMarker.check();
  }

  private onPresence(roomId: number, event: PresenceEvent): void {
    this.updateCurrent(roomId, (v) => ({ ...v, presence: applyPresence(v.presence, event) }));
  }

  private onTyping(roomId: number, event: TypingEvent): void {
    this.updateCurrent(roomId, (v) => ({ ...v, typing: applyTyping(v.typing, event, this.username, Date.now()) }));
    this.armTypingExpiry();
  }

  /** Hides "is typing…" of users whose refresh is overdue (their "false" may have been lost). */
  private armTypingExpiry(): void {
    if (this.typingTimer !== null) clearTimeout(this.typingTimer);
    this.typingTimer = null;
    const until = this.snapshot.current ? nextExpiry(this.snapshot.current.typing) : undefined;
    if (until === undefined) return;
    this.typingTimer = setTimeout(() => {
      this.typingTimer = null;
      const view = this.snapshot.current;
      if (view) this.updateCurrent(view.roomId, (v) => ({ ...v, typing: expireTyping(v.typing, Date.now()) }));
      this.armTypingExpiry();
    }, Math.max(until - Date.now(), 0) + 1);
  }

  private onReadReceipt(roomId: number, receipt: ReadReceipt): void {
    this.updateCurrent(roomId, (v) => ({ ...v, receipts: applyReceipt(v.receipts, receipt) }));
  }

  private onReadState(update: ReadStateUpdate): void {
    this.update({ unread: applyReadState(this.snapshot.unread, update) });
    this.readMarker.confirmed(update); // and new messages while reading are read too
  }

  private onRoomEvent(event: RoomEvent): void {
    this.setList(applyRoomEvent(this.list, event, this.username));
    const view = this.snapshot.current;
    if (view?.roomId !== event.room.id) return;
    if (event.kind === "LEFT" && event.user === this.username) {
      this.loseRoom(event.room.id);
      return;
    }
    if (event.kind === "JOINED" && event.user === this.username && view.status === "error") {
      void this.openRoom(view.roomId); // invited into the room that could not be opened
      return;
    }
    if (!view.room) this.changedWhileOpening = true;
    this.updateCurrent(view.roomId, (v) => ({
      ...v,
      summary: event.room,
      room: v.room ? applyToOpenRoom(v.room, event) : v.room,
    }));
  }

  /**
   * The user is no longer a participant of a room (left on another page, removed, subscription
   * revoked): closes its view with a notice and never subscribes to it again.
   */
  private loseRoom(roomId: number): void {
    if (this.leaving === roomId) return; // leaveRoom() closes it
    const view = this.snapshot.current;
    const known = this.list.rooms.find((r) => r.id === roomId) ?? view?.room ?? view?.summary ?? undefined;
    this.setList(afterLeaving(this.list, known, roomId));
    this.tracker.forget(roomId);
    this.update({ unread: forgetUnread(this.snapshot.unread, roomId) });
    this.connection.abandonRoom(roomId); // the server ends its subscriptions
    if (view?.roomId !== roomId) return;
    const label = known ? roomLabel(known, this.username, this.snapshot.directPeers) : `room ${roomId}`;
    this.closeRoom();
    this.update({ closedByServer: { roomId, token: ++this.closedToken } });
    this.notify(`You are no longer a participant of ${label}.`, "info");
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

  /** Lists a room the server answered with and shows its participants if it is open. */
  private upsertRoom(room: Room, member: boolean): void {
    this.setList(setMember(upsertRoom(this.list, room), room.id, member));
    this.learnPeer(room);
    const current = this.snapshot.current;
    if (current?.roomId === room.id && current.room) this.update({ current: { ...current, room } });
  }

  private setList(list: RoomListState): void {
    this.list = list;
    this.update({ rooms: list.rooms, memberOf: list.memberOf });
    this.lookUpPeers();
  }

  private learnPeer(room: Room): void {
    const peer = directPeer(room, this.username);
    if (!peer || this.snapshot.directPeers[room.id] === peer) return;
    this.update({ directPeers: { ...this.snapshot.directPeers, [room.id]: peer } });
  }

  /** Direct rooms whose other user cannot be told from the name are looked up once. */
  private lookUpPeers(): void {
    for (const room of this.list.rooms) {
      if (room.visibility !== "DIRECT" || this.peerLookups.has(room.id)) continue;
      if (directPeer(room, this.username, this.snapshot.directPeers)) continue;
      this.peerLookups.add(room.id);
      this.api.room(room.id).then(
        (full) => this.learnPeer(full),
        () => this.peerLookups.delete(room.id),
      );
    }
  }

  private updateCurrent(roomId: number, change: (view: RoomView) => RoomView): void {
    const view = this.snapshot.current;
    if (!view || view.roomId !== roomId) return;
    this.update({ current: change(view) });
  }

  private notify(text: string, tone: Notice["tone"] = "error"): void {
    const notice: Notice = { id: ++this.noticeId, text, tone };
    this.update({ notices: [...this.snapshot.notices, notice].slice(-MAX_NOTICES) });
  }

  private update(patch: Partial<ChatSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}

function messageOf(e: unknown): string {
  if (e instanceof Error && e.message) return e.message;
  return "Something went wrong.";
}

function abbreviate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
