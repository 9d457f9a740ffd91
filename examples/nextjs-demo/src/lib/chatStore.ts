import {
  applyChange,
  applyReadState,
  applyReceipt,
  applyTyping,
  type ChatClient,
  ChatError,
  type ChatMessage,
  type ConnectionState,
  createClient,
  expireTyping,
  forgetUnread,
  Limits,
  mergeMessages,
  messageArrived,
  newestSeq,
  nextExpiry,
  NO_RECEIPTS,
  NO_TYPING,
  NO_UNREAD,
  oldestSeq,
  type PresenceState,
  type ReadReceipt,
  type ReadStateUpdate,
  type Receipts,
  type Room,
  type RoomEvent,
  type RoomHandlers,
  type RoomRole,
  type RoomSubscription,
  type RoomSummary,
  type RoomVisibility,
  type TypingEvent,
  type TypingState,
  UNKNOWN_PRESENCE,
  type UnreadState,
  unreadFromRooms,
} from "@chatstack/client";
import { chatUrl } from "./config";
import { canSend, isModerator, type ParticipantAction, sendRefusedText } from "./labels";
import { ReadMarker } from "./readMarker";
import {
  EMPTY_ROOM_LIST,
  roomListOf,
  type RoomListState,
  afterLeaving,
  applyRoomEvent,
  removeRoom,
  applyToOpenRoom,
  setMember,
  upsertRoom,
} from "./roomList";
import { directPeer, roomLabel } from "./roomNames";
import { TypingSignal } from "./typingSignal";

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
  /** The server's code of {@link error}, when known (e.g. "banned"). */
  errorCode?: string;
  /** Who is online (from the presence subscription). */
  presence: PresenceState;
  /** Who else is typing. */
  typing: TypingState;
  /** How far the others have read (for "Seen by"). */
  receipts: Receipts;
  /** Each listed participant's role, once loaded (absent: member). */
  roles: Readonly<Record<string, RoomRole>>;
  /** Who is muted now (known to owner and moderators only). */
  muted: readonly string[];
}

/** An own message sent and not yet confirmed: shown as "Sending…" ("Retrying…" after a reconnect). */
export interface OutgoingSend {
  clientMsgId: string;
  roomId: number;
  content: string;
  /** The id of the message this one replies to, if any. */
  replyTo?: string;
  /** Epoch ms when the user sent it. */
  createdAt: number;
  /** Whether the connection was lost meanwhile, so the client sends it again. */
  retrying: boolean;
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
  /** The server's code, when the notice reports a refusal (e.g. "muted"). */
  code?: string;
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
  /** Own messages of the current room not yet confirmed (the client re-sends them after a reconnect). */
  pending: readonly OutgoingSend[];
  /** Own messages of the current room confirmed but not yet delivered back. */
  echoes: readonly ConfirmedEcho[];
  notices: readonly Notice[];
  /** Read state per room the user is in (unread badges). */
  unread: UnreadState;
}

const MAX_NOTICES = 4;

/** Subscription refusals that mean the user is not (or no longer) in the room. */
const NOT_IN_ROOM = new Set(["not-participant", "room-not-found"]);

/** The open room's subscription as the store holds it. */
interface OpenSubscription {
  roomId: number;
  handlers: RoomHandlers;
  /** Set once the client confirmed it. */
  subscription: RoomSubscription | null;
  /**
   * How it ended on this side: "closed" (the store unsubscribes), "abandoned" (the user left the
   * room: the server ends the subscription itself, and an UNSUBSCRIBE racing with that would name
   * an id the server already dropped), or null while it is the open room's.
   */
  ended: "closed" | "abandoned" | null;
}

/**
 * Client-side state of one signed-in user: rooms, the open room's messages, own sends in flight
 * and the connection, on top of one {@link ChatClient} (STOMP over SockJS plus REST; it
 * reconnects, resumes the room subscription by seq and re-sends unconfirmed messages itself).
 * Framework-agnostic; React reads it with useSyncExternalStore (subscribe / getSnapshot). Every
 * change produces a new immutable snapshot. Browser main thread only.
 */
export class ChatStore {
  private snapshot: ChatSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly client: ChatClient;
  /** Removes the listeners on the client (while started). */
  private detach: (() => void)[] = [];
  /** Own sends whose promise has not settled (and that were not discarded), by clientMsgId. */
  private readonly outgoing = new Map<string, OutgoingSend>();
  private readonly confirmed = new Map<string, ConfirmedEcho>();
  private list: RoomListState = EMPTY_ROOM_LIST;
  private readonly peerLookups = new Set<number>();
  /** The open room's live subscription, if any. */
  private roomSub: OpenSubscription | null = null;
  /** The room being left from this page: losing it is expected, not news. */
  private leaving: number | null = null;
  private closedToken = 0;
  /** Whether the participants of the room being opened changed before it was loaded. */
  private changedWhileOpening = false;
  /** The room being opened, if a LEFT of the user's own arrived meanwhile (see onRoomEvent). */
  private leftWhileOpening: number | null = null;
  private openToken = 0;
  private noticeId = 0;
  /** Per room: the SYSTEM message that removed the user (kick, ban, delete), until the room closes. */
  private readonly removals = new Map<number, { action: string; actor: string }>();
  private stopped = false;
  private readonly typingSignal = new TypingSignal();
  /** The room the typing signal was last sent to. */
  private typingRoom: number | null = null;
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly readMarker: ReadMarker;

  /**
   * @param client the chat client; by default one for {@code username} (dev-mode login) over
   *     SockJS at {@link chatUrl} (browser only)
   */
  constructor(
    readonly username: string,
    client?: ChatClient,
  ) {
    this.client = client ?? createClient({ url: chatUrl(), login: username, transport: "sockjs" });
    this.snapshot = {
      username,
      connection: this.client.state,
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
    this.readMarker = new ReadMarker(
      () => {
        const view = this.snapshot.current;
        if (!view || view.status !== "ready" || this.stopped || !canSend(this.snapshot.connection)) return null;
        return { roomId: view.roomId, newestSeq: newestSeq(view.messages), entry: this.snapshot.unread.get(view.roomId) };
      },
      (roomId, seq) => {
        if (this.stopped || !canSend(this.snapshot.connection)) return false;
        // The read-state update that follows comes on /user/queue/read-state (onReadState).
        this.client.markRead(roomId, seq).catch(() => undefined);
        return true;
      },
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
    if (this.detach.length === 0) {
      this.detach = [
        this.client.on("state", (connection) => this.update({ connection })),
        this.client.on("connected", ({ reconnected }) => this.onReady(reconnected)),
        this.client.on("roomEvent", (event) => this.onRoomEvent(event)),
        this.client.on("readState", (update) => this.onReadState(update)),
        this.client.on("error", (error) => {
          if (!this.stopped) this.notify(messageOf(error));
        }),
      ];
    }
    // A refused CONNECT also arrives as an "error" event (a notice); nothing more to do here.
    this.client.connect().catch(() => undefined);
    void this.refreshRooms();
  }

  stop(): void {
    this.stopped = true;
    this.openToken++;
    if (this.typingTimer !== null) clearTimeout(this.typingTimer);
    this.typingTimer = null;
    this.readMarker.stop();
    this.detach.forEach((off) => off());
    this.detach = [];
    void this.client.disconnect();
  }

  retryNow(): void {
    this.client.retryNow();
  }

  browserOnline(online: boolean): void {
    this.client.networkChanged(online);
  }

  // ---- rooms --------------------------------------------------------------------------------
  async refreshRooms(): Promise<void> {
    try {
      const [visible, mine] = await Promise.all([this.client.rest.rooms(), this.client.rest.myRooms()]);
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
    if (visibility === "DIRECT") throw new ChatError("Direct rooms are opened with a participant's Message button.");
    const room = await this.client.rest.createRoom(trimmed, { visibility });
    this.upsertRoom(room, true);
    return room;
  }

  /** The direct room of the user and {@code other} (created when needed), listed. Throws ChatError. */
  async openDirect(other: string): Promise<Room> {
    const room = await this.client.rest.direct(other);
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
    const room = await this.client.rest.invite(view.roomId, name);
    this.upsertRoom(room, true);
    return room;
  }

  /**
   * Opens a room: joins it when needed (public rooms), loads recent history, then subscribes from
   * the newest loaded seq (the server replays whatever came meanwhile: no gap, no double).
   */
  async openRoom(roomId: number): Promise<void> {
    const token = ++this.openToken;
    this.stopTyping();
    this.closeSubscription();
    this.changedWhileOpening = false;
    this.leftWhileOpening = null;
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
        roles: {},
        muted: [],
      },
    });
    this.refreshPending();
    try {
      // The server's answer decides, not the room list (its events may lag a removal): the room
      // carries the caller's role when they are a participant of a group room, and a direct room
      // lists both participants.
      let room = await this.client.rest.room(roomId);
      if (room.role === undefined && !room.participants.includes(this.username)) {
        room = await this.client.rest.join(roomId);
      }
      const page = await this.client.rest.history(roomId);
      if (token !== this.openToken) return;
      this.upsertRoom(room, true);
      this.updateCurrent(roomId, (view) => ({
        ...view,
        room,
        messages: mergeMessages(view.messages, page.messages),
        hasMore: page.hasMore,
        status: "ready",
      }));
      for (const m of page.messages) this.settle(m);
      this.subscribeRoom(roomId, newestSeq(page.messages) ?? -1);
      this.loadModeration(roomId);
      if (this.changedWhileOpening) this.reloadRoom(roomId);
      this.readMarker.check();
    } catch (e) {
      if (token !== this.openToken) return;
      const errorCode = e instanceof ChatError ? e.code : undefined;
      if (this.leftWhileOpening === roomId && errorCode !== undefined && NOT_IN_ROOM.has(errorCode)) {
        this.loseRoom(roomId); // removed while opening: closed with a notice, as an open room
        return;
      }
      this.updateCurrent(roomId, (view) => ({ ...view, status: "error", error: messageOf(e), errorCode }));
    }
  }

  /** Closes the open room view (unsubscribes; stays a participant). */
  closeRoom(): void {
    this.openToken++;
    this.stopTyping();
    this.closeSubscription();
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
      await this.client.rest.leave(roomId);
      this.setList(afterLeaving(this.list, current.room ?? current.summary ?? undefined, roomId));
      this.update({ unread: forgetUnread(this.snapshot.unread, roomId) });
      this.abandonSubscription(roomId); // the server ends its subscriptions
      if (this.snapshot.current?.roomId === roomId) this.closeRoom();
    } finally {
      if (this.leaving === roomId) this.leaving = null;
    }
  }

  // ---- moderation -------------------------------------------------------------------------
  /** Kicks, bans, mutes or unmutes a participant, or sets their role, in the open room. Throws ChatError. */
  async moderate(username: string, action: ParticipantAction): Promise<void> {
    const view = this.snapshot.current;
    if (!view?.room) throw new ChatError("Open a room first.");
    const roomId = view.roomId;
    const room =
      action === "make-moderator" || action === "remove-moderator"
        ? await this.client.rest.setRole(roomId, username, action === "make-moderator" ? "MODERATOR" : "MEMBER")
        : await this.client.rest.moderate(roomId, { action, username });
    this.upsertRoom(room, true);
    this.loadModeration(roomId);
  }

  /** Renames the open room (owner and moderators). Throws ChatError. */
  async renameRoom(name: string): Promise<void> {
    const view = this.snapshot.current;
    const text = name.trim();
    if (!view?.room) throw new ChatError("Open a room first.");
    if (!text) throw new ChatError("Please enter a room name.");
    if (text.length > Limits.maxRoomNameLength) {
      throw new ChatError(`Room names have at most ${Limits.maxRoomNameLength} characters.`);
    }
    this.upsertRoom(await this.client.rest.renameRoom(view.roomId, text), true);
  }

  /** Deletes the open room (the owner) and closes it. Throws ChatError. */
  async deleteRoom(): Promise<void> {
    const current = this.snapshot.current;
    if (!current) return;
    const roomId = current.roomId;
    this.leaving = roomId;
    try {
      await this.client.rest.deleteRoom(roomId);
      this.setList(removeRoom(this.list, roomId));
      this.update({ unread: forgetUnread(this.snapshot.unread, roomId) });
      this.abandonSubscription(roomId);
      if (this.snapshot.current?.roomId === roomId) this.closeRoom();
    } finally {
      if (this.leaving === roomId) this.leaving = null;
    }
  }

  /** Loads the roles of the open room's participants, and its mutes for owner and moderators. */
  private loadModeration(roomId: number): void {
    const view = this.snapshot.current;
    if (!view || view.roomId !== roomId || view.room?.visibility === "DIRECT") return;
    Promise.resolve()
      .then(() => this.client.rest.participants(roomId, { limit: 1000 }))
      .then(
        (page) => {
          if (!Array.isArray(page?.members)) return;
          const roles: Record<string, RoomRole> = {};
          for (const m of page.members) roles[m.username] = m.role;
          this.updateCurrent(roomId, (v) => ({ ...v, roles }));
        },
        () => undefined, // roles are shown when known
      );
    if (!isModerator(this.snapshot.current?.room?.role)) {
      this.updateCurrent(roomId, (v) => (v.muted.length ? { ...v, muted: [] } : v));
      return;
    }
    Promise.resolve()
      .then(() => this.client.rest.restrictions(roomId))
      .then(
        (list) => {
          if (!Array.isArray(list)) return;
          const muted = list.filter((r) => r.kind === "MUTE").map((r) => r.username);
          this.updateCurrent(roomId, (v) => ({ ...v, muted }));
        },
        () => undefined,
      );
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
      const page = await this.client.rest.history(roomId, { beforeSeq: before });
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
  /**
   * Sends a message to the open room. Returns false (and sends nothing) when not possible. The
   * message shows as "Sending…" until the client's promise settles: confirmed ("Sent" until the
   * message itself arrives) or refused (a notice).
   */
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
    const entry: OutgoingSend = { clientMsgId: newClientMsgId(), roomId: view.roomId, content: text, createdAt: Date.now(), retrying: false };
    if (replyTo) entry.replyTo = replyTo;
    this.outgoing.set(entry.clientMsgId, entry);
    this.client.send(entry.roomId, text, { clientMsgId: entry.clientMsgId, replyTo }).then(
      () => this.onSent(entry),
      (e) => this.onSendFailed(entry, e),
    );
    this.refreshPending();
    this.stopTyping();
    return true;
  }

  /** Edits one of the user's messages in the open room (refusals arrive as notices). */
  editMessage(messageId: string, content: string): boolean {
    const view = this.snapshot.current;
    const text = content.trim();
    if (!view || !text || !canSend(this.snapshot.connection)) return false;
    this.reportFailure(this.client.edit(view.roomId, messageId, text));
    return true;
  }

  /** Deletes a message in the open room (the user's own, or another's where their role allows). */
  deleteMessage(messageId: string): boolean {
    const view = this.snapshot.current;
    if (!view || !canSend(this.snapshot.connection)) return false;
    this.reportFailure(this.client.deleteMessage(view.roomId, messageId));
    return true;
  }

  /** Adds or removes the user's reaction on a message of the open room. */
  react(messageId: string, emoji: string, add: boolean): boolean {
    const view = this.snapshot.current;
    if (!view || !canSend(this.snapshot.connection)) return false;
    this.reportFailure(this.client.react(view.roomId, messageId, emoji, add));
    return true;
  }

  /**
   * Stops showing a pending message. The client may still deliver it (the server stores a
   * clientMsgId once); if it does, it shows up like any other message.
   */
  discardPending(clientMsgId: string): void {
    this.outgoing.delete(clientMsgId);
    this.refreshPending();
  }

  dismissNotice(id: number): void {
    this.update({ notices: this.snapshot.notices.filter((n) => n.id !== id) });
  }

  private onSent(entry: OutgoingSend): void {
    // Already settled when the message itself arrived first, or discarded.
    if (this.stopped || !this.outgoing.delete(entry.clientMsgId)) return;
    const delivered = this.snapshot.current?.messages.some((m) => m.clientMsgId === entry.clientMsgId);
    if (!delivered) {
      const { clientMsgId, roomId, content, createdAt } = entry;
      this.confirmed.set(clientMsgId, { clientMsgId, roomId, content, createdAt });
    }
    this.refreshPending();
  }

  private onSendFailed(entry: OutgoingSend, error: unknown): void {
    if (this.stopped || !this.outgoing.delete(entry.clientMsgId)) return;
    this.refreshPending();
    const code = error instanceof ChatError ? error.code : undefined;
    const reason =
      code === "timeout" ? "the server did not confirm it in time (it may still arrive)" : messageOf(error);
    this.notify(sendRefusedText(code, abbreviate(entry.content), reason), "error", code);
  }

  /** An edit, delete or reaction the server refused (or could not confirm) becomes a notice. */
  private reportFailure(request: Promise<unknown>): void {
    request.catch((e) => {
      if (!this.stopped) this.notify(messageOf(e), "error", e instanceof ChatError ? e.code : undefined);
    });
  }

  // ---- typing -------------------------------------------------------------------------------
  /** The composer's text changed: tells the others that the user is (no longer) typing. */
  composerChanged(text: string): void {
    const view = this.snapshot.current;
    if (!view || view.status !== "ready") return;
    const typing = this.typingSignal.changed(text, Date.now());
    if (typing === null) return;
    this.typingRoom = view.roomId;
    if (!this.client.typing(view.roomId, typing)) this.typingSignal.reset();
  }

  /** The composer lost focus (or the message was sent): the user stopped typing. */
  composerIdle(): void {
    this.stopTyping();
  }

  private stopTyping(): void {
    if (this.typingSignal.stopped() === false && this.typingRoom !== null) {
      this.client.typing(this.typingRoom, false);
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

  // ---- the open room's subscription ---------------------------------------------------------
  /** Subscribes to the open room from {@code sinceSeq} (replay, then live). */
  private subscribeRoom(roomId: number, sinceSeq: number): void {
    this.closeSubscription();
    // Deliveries to a subscription the store no longer holds (closed, abandoned) are dropped.
    const live = () => this.roomSub === sub && !this.stopped;
    const when =
      <T extends unknown[]>(action: (...args: T) => void) =>
      (...args: T) => {
        if (live()) action(...args);
      };
    const handlers: RoomHandlers = {
      onMessage: when((message: ChatMessage) => this.onMessage(message)),
      onEdit: when((record: ChatMessage) => this.onChange(record)),
      onDelete: when((record: ChatMessage) => this.onChange(record)),
      onReaction: when((record: ChatMessage) => this.onChange(record)),
      onPresence: when((_event: unknown, presence: PresenceState) => this.onPresence(roomId, presence)),
      onTyping: when((event: TypingEvent) => this.onTyping(roomId, event)),
      onReadReceipt: when((receipt: ReadReceipt) => this.onReadReceipt(roomId, receipt)),
      onRevoked: when(() => {
        this.abandonSubscription(roomId); // the client dropped it already
        this.loseRoom(roomId);
      }),
    };
    const sub: OpenSubscription = { roomId, handlers, subscription: null, ended: null };
    this.roomSub = sub;
    this.client.subscribe(roomId, handlers, { sinceSeq }).then(
      (subscription) => {
        if (sub.ended === "closed") subscription.close();
        else if (sub.ended === null) sub.subscription = subscription;
      },
      (e) => {
        if (!live()) return;
        this.roomSub = null;
        if (e instanceof ChatError && e.code !== undefined && NOT_IN_ROOM.has(e.code)) {
          this.loseRoom(roomId);
        } else if (!(e instanceof ChatError && (e.code === "timeout" || e.code === "disconnected"))) {
          this.updateCurrent(roomId, (v) => ({ ...v, status: "error", error: messageOf(e) }));
        }
        // timeout / disconnected: subscribed again on the next connection (onReady)
      },
    );
  }

  /** The user stops looking at the room: ends the subscription (UNSUBSCRIBE). */
  private closeSubscription(): void {
    const sub = this.roomSub;
    if (!sub) return;
    this.roomSub = null;
    sub.ended = "closed";
    sub.subscription?.close();
  }

  /** The user is no longer in the room: forgets the subscription without UNSUBSCRIBE (see {@link OpenSubscription}). */
  private abandonSubscription(roomId: number): void {
    const sub = this.roomSub;
    if (!sub || sub.roomId !== roomId) return;
    this.roomSub = null;
    sub.ended = "abandoned";
  }

  // ---- connection events --------------------------------------------------------------------
  private onReady(reconnected: boolean): void {
    if (this.stopped) return;
    // The server may have ended the typing state and missed read marks: start afresh.
    this.typingSignal.reset();
    this.readMarker.reset();
    this.updateCurrent(this.snapshot.current?.roomId ?? -1, (v) => ({ ...v, typing: NO_TYPING }));
    if (reconnected && this.outgoing.size > 0) {
      // The client sends them again with the same clientMsgId: the server stores each once.
      for (const [id, entry] of this.outgoing) this.outgoing.set(id, { ...entry, retrying: true });
      this.refreshPending();
    }
    if (reconnected || this.snapshot.roomsStatus === "error") void this.refreshRooms();
    const view = this.snapshot.current;
    if (view?.status === "error") {
      void this.openRoom(view.roomId);
    } else if (view?.status === "ready") {
      // The subscription resumes by itself; one that could not be made is made now.
      if (!this.roomSub) this.subscribeRoom(view.roomId, newestSeq(view.messages) ?? -1);
      if (reconnected) this.reloadRoom(view.roomId); // participants may have changed while offline
    }
  }

  /** Fetches the open room again; a 404 means access was lost meanwhile. */
  private reloadRoom(roomId: number): void {
    this.client.rest.room(roomId).then(
      (room) => this.upsertRoom(room, true),
      (e) => {
        if (e instanceof ChatError && e.status === 404) this.loseRoom(roomId);
      },
    );
  }

  private onMessage(message: ChatMessage): void {
    this.settle(message);
    this.noteRemoval(message);
    const view = this.snapshot.current;
    if (!view || view.roomId !== message.roomId || view.status !== "ready") return;
    this.updateCurrent(message.roomId, (v) => ({
      ...v,
      messages: mergeMessages(v.messages, [message]),
      typing: message.type === "CHAT" ? messageArrived(v.typing, message.sender) : v.typing,
    }));
    this.readMarker.check();
  }

  /** A SYSTEM message that ends the user's membership: remembered for the notice when the room closes. */
  private noteRemoval(message: ChatMessage): void {
    if (message.type !== "SYSTEM" || !message.metadata) return;
    const { action, actor, target } = message.metadata as { action?: string; actor?: string; target?: string };
    if (typeof actor !== "string") return;
    if (action === "delete" || ((action === "kick" || action === "ban") && target === this.username)) {
      this.removals.set(message.roomId, { action, actor });
    }
  }

  /** A change record (edit, delete, reaction) of the open room. */
  private onChange(record: ChatMessage): void {
    const view = this.snapshot.current;
    if (!view || view.roomId !== record.roomId || view.status !== "ready") return;
    this.updateCurrent(record.roomId, (v) => ({ ...v, messages: applyChange(v.messages, record) }));
  }

  private onPresence(roomId: number, presence: PresenceState): void {
    this.updateCurrent(roomId, (v) => ({ ...v, presence }));
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
    if (event.kind === "DELETED") {
      this.loseRoom(event.room.id, event.user ?? undefined);
      return;
    }
    if (event.kind === "LEFT" && event.user === this.username) {
      // Only an open room is closed at once. A view still opening belongs to an attempt that asks
      // the server itself: it closes with the removal notice if the server then refuses it as not
      // a participant, and shows any other refusal (a late LEFT of an earlier removal must not
      // replace the "banned" error of a rejoin). A view showing such an error stays.
      if (view.status === "ready") {
        this.loseRoom(event.room.id);
        return;
      }
      if (view.status === "loading") this.leftWhileOpening = view.roomId;
      this.update({ unread: forgetUnread(this.snapshot.unread, event.room.id) });
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
    if (event.kind === "CHANGED" && view.room) {
      // A role may have changed (the user's own too): reload the room, then roles and mutes.
      this.client.rest.room(view.roomId).then(
        (room) => {
          this.upsertRoom(room, true);
          this.loadModeration(room.id);
        },
        () => undefined,
      );
    } else if ((event.kind === "JOINED" || event.kind === "LEFT") && view.room) {
      // Roles follow membership: a moderator who leaves or is kicked loses the role.
      this.loadModeration(view.roomId);
    }
  }

  /**
   * The user is no longer a participant of a room (left on another page, removed, subscription
   * revoked): closes its view with a notice and never subscribes to it again.
   */
  private loseRoom(roomId: number, deletedBy?: string): void {
    if (this.leaving === roomId) return; // leaveRoom() / deleteRoom() close it
    const removal = this.removals.get(roomId);
    this.removals.delete(roomId);
    const view = this.snapshot.current;
    const known = this.list.rooms.find((r) => r.id === roomId) ?? view?.room ?? view?.summary ?? undefined;
    this.setList(afterLeaving(this.list, known, roomId));
    this.update({ unread: forgetUnread(this.snapshot.unread, roomId) });
    this.abandonSubscription(roomId); // the server ends its subscriptions
    if (view?.roomId !== roomId) return;
    const label = known ? roomLabel(known, this.username, this.snapshot.directPeers) : `room ${roomId}`;
    this.closeRoom();
    this.update({ closedByServer: { roomId, token: ++this.closedToken } });
    if (deletedBy !== undefined || removal?.action === "delete") {
      this.notify(`${label} was deleted by ${deletedBy ?? removal?.actor}.`, "info", "room-deleted");
    } else if (removal) {
      const how = removal.action === "ban" ? "banned from" : "removed from";
      this.notify(`You were ${how} ${label} by ${removal.actor}.`, "info", removal.action === "ban" ? "banned" : "kicked");
    } else {
      this.notify(`You are no longer a participant of ${label}.`, "info");
    }
  }

  // ---- helpers ------------------------------------------------------------------------------
  /** A message arrived (live, replayed or in history): its send, if ours, is settled. */
  private settle(message: ChatMessage): void {
    if (!message.clientMsgId) return;
    const wasPending = this.outgoing.delete(message.clientMsgId);
    const wasEcho = this.confirmed.delete(message.clientMsgId);
    if (wasPending || wasEcho) this.refreshPending();
  }

  private refreshPending(): void {
    const roomId = this.snapshot.current?.roomId;
    this.update({
      pending:
        roomId === undefined
          ? []
          : [...this.outgoing.values()].filter((p) => p.roomId === roomId).sort((a, b) => a.createdAt - b.createdAt),
      echoes: roomId === undefined ? [] : [...this.confirmed.values()].filter((e) => e.roomId === roomId),
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
      this.client.rest.room(room.id).then(
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

  private notify(text: string, tone: Notice["tone"] = "error", code?: string): void {
    const notice: Notice = code ? { id: ++this.noticeId, text, tone, code } : { id: ++this.noticeId, text, tone };
    this.update({ notices: [...this.snapshot.notices, notice].slice(-MAX_NOTICES) });
  }

  private update(patch: Partial<ChatSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}

/**
 * A fresh idempotency key for a send (the client would make one too, but the store needs it
 * before the receipt to match the message). getRandomValues works outside secure contexts too.
 */
function newClientMsgId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function messageOf(e: unknown): string {
  if (e instanceof ChatError && e.code === "network") return "Cannot reach the chat server. Is it running?";
  if (e instanceof Error && e.message) return e.message;
  return "Something went wrong.";
}

function abbreviate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
