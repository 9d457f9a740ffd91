import { Client, type IFrame, type IMessage, type StompSubscription } from "@stomp/stompjs";
import { ChatError, describeServerError, revocationOf, type Revocation } from "./errors.js";
import { newUuid } from "./ids.js";
import { PendingSends, type PendingSend } from "./pendingSends.js";
import { TokenBucket } from "./tokenBucket.js";
import {
  AUTHORIZATION_HEADER,
  Destinations,
  HEARTBEAT_INCOMING_MS,
  HEARTBEAT_OUTGOING_MS,
  Headers,
  JSON_CONTENT_TYPE,
  LOGIN_HEADER,
  USER_HEADER,
} from "./protocol.js";
import {
  DEFAULT_BACKOFF,
  INITIAL_STATE,
  transition,
  type BackoffOptions,
  type ConnectionEvent,
  type ConnectionState,
} from "./reconnect.js";
import {
  ChatRest,
  type CreateRoomOptions,
  type HistoryPage,
  type HistoryQuery,
  type ParticipantQuery,
} from "./rest.js";
import { applyPresence, parsePresenceEvent, UNKNOWN_PRESENCE, type PresenceState } from "./state/presenceState.js";
import { parseReadReceipt } from "./state/receiptsState.js";
import { parseTypingEvent } from "./state/typingState.js";
import { parseReadStateUpdate } from "./state/unreadState.js";
import type {
  AssignableRole,
  ChatMessage,
  ModerationRequest,
  ParticipantPage,
  PresenceEvent,
  Restriction,
  ReadReceipt,
  ReadStateUpdate,
  Room,
  RoomEvent,
  RoomSummary,
  TypingEvent,
} from "./types.js";
import { endpointsOf, type Endpoints } from "./url.js";

/** How the client reaches the STOMP endpoint. */
export type Transport = "websocket" | "sockjs";

/** A bearer token, or a function that yields a fresh one for every (re)connection. */
export type TokenSource = string | (() => string | Promise<string>);

/** The WebSocket constructor used for {@code transport: "websocket"} (the browser's, or the {@code ws} package's). */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocket;

/**
 * Options of {@link createClient}. Exactly one of {@code login} and {@code token}, or neither
 * (cookie/session auth: the host's login cookie rides on the WebSocket handshake and on REST calls,
 * which fetch sends with the browser's default credentials policy, same-origin only; so with
 * cookies, serve the page and the chat API from one origin).
 */
export interface ClientOptions {
  /** The STOMP endpoint: {@code http(s)://host/ws} or {@code ws(s)://host/ws}. */
  url: string;
  /** Dev-mode identity: the user name (STOMP {@code login}, REST {@code X-Chat-User}). */
  login?: string;
  /**
   * JWT mode: a bearer token (STOMP and REST {@code Authorization: Bearer}). A fixed token the
   * server refuses (e.g. once it expired) stops the client; a function is called again for every
   * connection attempt, so a refused token is replaced (see {@link ChatClient.connect}).
   */
  token?: TokenSource;
  /** Default {@code "websocket"}. {@code "sockjs"} falls back to HTTP streaming/polling where WebSockets are blocked. */
  transport?: Transport;
  /** REST base URL; default: {@code url} without its last path segment, as http(s). */
  apiUrl?: string;
  /** WebSocket implementation; default {@code globalThis.WebSocket} (Node 20: pass the {@code ws} package's). */
  WebSocket?: WebSocketConstructor;
  /** fetch implementation for REST; default {@code globalThis.fetch}. */
  fetch?: typeof fetch;
  /** How long a send (or edit, delete, reaction, read mark) may wait for its receipt, connection outages included. Default 30 s. */
  sendTimeoutMs?: number;
  /** How long {@link ChatClient.subscribe} may wait for the server's confirmation. Default 30 s. */
  subscribeTimeoutMs?: number;
  /**
   * Reconnection back-off; default 0.5 s doubling to 5 s. The loss of a connection that stayed up
   * at least {@code maxDelayMs} is retried at once; a connection the server closes sooner (e.g. a
   * fatal ERROR right after CONNECTED) counts as a failed attempt, so the delays keep growing.
   */
  backoff?: Partial<BackoffOptions>;
  /** STOMP heart-beat both ways (ms); default 10 s. A dead connection is noticed within about 2.5×. */
  heartbeatMs?: number;
  /**
   * SEND frames (messages, edits, deletes, reactions) per second the client transmits at most;
   * more wait their turn, in order. Default 20: the server's default per-connection limit
   * ({@code chatstack.websocket.sends-per-second}). A send the server still refuses as
   * {@code rate-limited} is transmitted again after a pause. Typing signals and read marks have a
   * budget of their own at the same rate, as on the server: read marks wait their turn, and of a
   * room's typing states only the latest goes once the budget allows. Two tokens of that budget stay
   * unspent, so that frames the network brings closer together than they were sent are not refused
   * (a refused typing frame is not sent again).
   */
  sendsPerSecond?: number;
}

/** Options of {@link ChatClient.send}. */
export interface SendOptions {
  /** The id of a message of the same room this one replies to. */
  replyTo?: string;
  /** A JSON object sent with the message (at most 4 KiB serialized). */
  metadata?: Record<string, unknown>;
  /** Idempotency key; default a new UUID. The server stores a clientMsgId once. */
  clientMsgId?: string;
}

/** Options of {@link ChatClient.subscribe}. */
export interface SubscribeOptions {
  /**
   * Deliver every message with a seq above this one first (a replay, -1: the whole history), then
   * live ones. An integer >= -1 (else subscribe() rejects with {@code invalid-since-seq}).
   * Default: the room's newest seq at the time of the call (live only).
   */
  sinceSeq?: number;
}

/**
 * What a room subscription delivers, one handler per record type. Every handler is optional;
 * presence, typing and read-receipt subscriptions are made only when their handler is given.
 * Handlers run on the caller's event loop, never concurrently; an exception thrown by one is
 * reported on the client's {@code "error"} event and does not stop delivery.
 */
export interface RoomHandlers {
  /** Chat messages and notices (JOIN, LEAVE), in seq order, each once (replays included). */
  onMessage?(message: ChatMessage): void;
  /** An EDIT record: {@code targetId} got {@code content}. Apply with {@link applyChange}. */
  onEdit?(record: ChatMessage): void;
  /** A DELETE record: {@code targetId} became a tombstone. */
  onDelete?(record: ChatMessage): void;
  /** A REACTION record: {@code sender} added ({@code metadata.add}) or removed the emoji {@code content}. */
  onReaction?(record: ChatMessage): void;
  /** Who is online: a snapshot after every (re)subscription, then online/offline changes. */
  onPresence?(event: PresenceEvent, state: PresenceState): void;
  /** Someone started or stopped typing. */
  onTyping?(event: TypingEvent): void;
  /** Someone read the room up to a seq. */
  onReadReceipt?(receipt: ReadReceipt): void;
  /**
   * The server ended the subscription, or refused to resubscribe it with {@code not-participant},
   * {@code room-not-found}, {@code banned} or {@code forbidden}: the user left or was removed.
   * Nothing more is delivered. (A passing refusal, e.g. {@code unavailable}, is retried instead.)
   */
  onRevoked?(roomId: number): void;
}

/** A live room subscription; {@link close} ends it. */
export interface RoomSubscription {
  readonly roomId: number;
  /** The highest seq delivered (or the starting point): the next replay starts after it. */
  readonly lastSeq: number;
  /**
   * Stops delivery to these handlers. The room's server subscription ends when no handlers remain,
   * and its presence, typing or read-receipt subscription when no remaining handler wants that
   * signal. Idempotent.
   */
  close(): void;
}

/** The server's RECEIPT of a chat send or a change: the durable record's id, seq and time. */
export interface Receipt {
  id: string;
  seq: number;
  timestamp: string;
}

/** Events of the client as a whole. */
export interface ClientEvents {
  /** The connection state changed (connecting, online, reconnecting, offline, stopped). */
  state: (state: ConnectionState) => void;
  /** Connected (again): room subscriptions were restored. */
  connected: (info: { user: string; reconnected: boolean }) => void;
  /** A room the user may see was created, or someone joined or left one. */
  roomEvent: (event: RoomEvent) => void;
  /** The user's read state of one of their rooms changed (any device, any node). */
  readState: (update: ReadStateUpdate) => void;
  /** An error not tied to one call (an ERROR frame, a refused CONNECT, a failing handler). */
  error: (error: ChatError) => void;
}

/** Creates a client; nothing connects until {@link ChatClient.connect}. */
export function createClient(options: ClientOptions): ChatClient {
  return new ChatClient(options);
}

type Listener<K extends keyof ClientEvents> = ClientEvents[K];
type SignalKind = "presence" | "typing" | "reads";

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: ChatError): void;
}

/** A send, change or read mark waiting for its RECEIPT. */
interface Request {
  /** The request's key in {@code requests}: for a send, its clientMsgId (the pending entry's key). */
  key: string;
  kind: "send" | "change" | "read";
  roomId: number;
  destination: string;
  body: unknown;
  /** Set while a transmitted attempt waits for its receipt. */
  receiptId?: string;
  timer: ReturnType<typeof setTimeout>;
  onReceipt(headers: Record<string, string>): void;
  fail(error: ChatError): void;
}

/** One {@link ChatClient.subscribe} call: its handlers and the highest seq delivered to them. */
interface Entry {
  handlers: RoomHandlers;
  lastSeq: number;
  /** Whether its subscribe() call resolves (its wait is over): only then does an end of the room call onRevoked. */
  resolved: boolean;
}

/** One room's server subscription, shared by every {@link ChatClient.subscribe} of that room. */
interface RoomSub {
  roomId: number;
  /** The highest seq the server delivered on this room's subscription. */
  position: number;
  entries: Set<Entry>;
  messages: StompSubscription | null;
  signals: Map<SignalKind, StompSubscription>;
  /** Receipt ids of signal subscriptions the server has not acknowledged yet, with their kind. */
  signalsPending: Map<string, SignalKind>;
  presence: PresenceState;
  /** Whether the server confirmed the current subscription (its RECEIPT). */
  confirmed: boolean;
  /** The receipt id of the latest SUBSCRIBE: a refusal names it. */
  receiptId: string | undefined;
  /** Callers of subscribe() waiting for the confirmation (of the room and its signal subscriptions). */
  waiters: Waiter<void>[];
  /** Set while a subscription the server refused for a passing reason waits to be made again. */
  retryTimer: ReturnType<typeof setTimeout> | null;
  /** Such refusals in a row (the retry's back-off); 0 once the room is confirmed. */
  refusals: number;
}

const DEFAULT_SEND_TIMEOUT_MS = 30_000;
const DEFAULT_SENDS_PER_SECOND = 20;
/** Tokens of the server's signal budget the client leaves unspent (see TokenBucket). */
const SIGNAL_RESERVE = 2;
const RATE_LIMITED = "rate-limited";
/**
 * Refusal codes of a room (or signal) SUBSCRIBE meaning the user may not read the room: the room
 * is dropped. Other codes (e.g. {@code unavailable}: a backing service is down) are passing: the
 * subscription is made again after a back-off.
 */
const FINAL_SUBSCRIBE_REFUSALS: ReadonlySet<string> = new Set(["not-participant", "room-not-found", "banned", "forbidden"]);
const CONNECT_TIMEOUT_MS = 10_000;
/**
 * Codes of an ERROR answering the CONNECT that mean the credentials were refused: retrying with
 * the same ones cannot help (the server sends {@code unauthenticated}).
 */
const AUTH_REFUSALS: ReadonlySet<string> = new Set(["unauthenticated", "invalid-token", "token-expired"]);
/** CONNECTs refused in a row, each with a token fresh from the token function, after which the client stops. */
const MAX_AUTH_REFUSALS_WITH_TOKEN_FUNCTION = 3;

/**
 * A chatstack client: one STOMP connection (WebSocket or SockJS) with automatic reconnection,
 * plus the REST API. After a reconnect it re-subscribes every room with {@code since-seq} (the
 * server replays exactly what was missed: no gap, no duplicate) and, once a room's subscription is
 * confirmed, re-sends that room's unacknowledged messages with the same {@code clientMsgId} (the
 * server stores each once). A send made while disconnected waits for the connection, bounded by
 * {@code sendTimeoutMs}.
 *
 * Single-threaded like JavaScript itself: call it from one event loop; events and handlers run on
 * it. Lifecycle: {@link connect} → use → {@link disconnect} (which rejects what is still pending;
 * the client may connect again afterwards).
 */
export class ChatClient {
  /** The REST API: rooms, membership, history. */
  readonly rest: ChatRest;
  private readonly endpoints: Endpoints;
  private readonly backoff: BackoffOptions;
  private readonly sendTimeoutMs: number;
  private readonly subscribeTimeoutMs: number;
  private readonly heartbeatMs: number;
  private current: ConnectionState = INITIAL_STATE;
  private stomp: Client | null = null;
  private generation = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private user: string | undefined;
  private readonly roomSubs = new Map<number, RoomSub>();
  private readonly pending = new PendingSends();
  /** Every request waiting for a receipt, by clientMsgId (sends) or a generated key. */
  private readonly requests = new Map<string, Request>();
  private readonly byReceipt = new Map<string, string>();
  private readonly listeners: { [K in keyof ClientEvents]: Set<Listener<K>> } = {
    state: new Set(),
    connected: new Set(),
    roomEvent: new Set(),
    readState: new Set(),
    error: new Set(),
  };
  private connectWaiters: Waiter<void>[] = [];
  private receiptCounter = 0;
  /** Client-side pacing of SEND frames (token buckets, as the server's): requests ready to go, in order. */
  private readonly outbox: Request[] = [];
  /** Messages, edits, deletes and reactions. */
  private readonly sendBucket: TokenBucket;
  /** Typing signals and read marks: the server gives them a bucket of their own. */
  private readonly signalBucket: TokenBucket;
  /** Typing states waiting for the signal bucket, per room: the latest state wins. */
  private readonly typingOut = new Map<number, boolean>();
  private drainTimer: ReturnType<typeof setTimeout> | null = null;
  /** CONNECTs refused for their credentials in a row (0 once connected). */
  private authRefusals = 0;

  constructor(private readonly options: ClientOptions) {
    if (options.login !== undefined && options.token !== undefined) {
      throw new ChatError("Give login (dev mode) or token (JWT mode), not both", "invalid-options");
    }
    if (options.login !== undefined && !options.login.trim()) {
      throw new ChatError("login must not be blank", "invalid-options");
    }
    this.endpoints = endpointsOf(options.url, options.apiUrl);
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.sendTimeoutMs = options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
    this.subscribeTimeoutMs = options.subscribeTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
    this.heartbeatMs = options.heartbeatMs ?? HEARTBEAT_OUTGOING_MS;
    const sendsPerSecond = options.sendsPerSecond ?? DEFAULT_SENDS_PER_SECOND;
    if (!(sendsPerSecond > 0)) throw new ChatError("sendsPerSecond must be positive", "invalid-options");
    this.sendBucket = new TokenBucket(sendsPerSecond, Date.now());
    // Typing frames are not retried when refused: keep two tokens (100 ms at 20/s) of slack.
    this.signalBucket = new TokenBucket(sendsPerSecond, Date.now(), SIGNAL_RESERVE);
    this.user = options.login;
    this.rest = new ChatRest(this.endpoints.api, () => this.restIdentity(), () => this.user, options.fetch);
    if ((options.transport ?? "websocket") === "websocket" && !this.webSocketConstructor()) {
      throw new ChatError(
        "No WebSocket implementation: pass options.WebSocket (in Node 20, the ws package's WebSocket) or use transport 'sockjs'",
        "invalid-options",
      );
    }
  }

  // ---------------------------------------------------------------- lifecycle

  /** The connection state. */
  get state(): ConnectionState {
    return this.current;
  }

  /** The authenticated user name: the login, or the server's {@code user-name} once connected. */
  get userName(): string | undefined {
    return this.user;
  }

  /**
   * Connects (and keeps reconnecting until {@link disconnect}). Resolves once connected; rejects
   * with the server's code when it refuses the CONNECT for good, or when {@link disconnect} is
   * called first. A refusal is final on the first connection; on a reconnection when it refuses the
   * credentials ({@code unauthenticated}, e.g. an expired token), unless {@code token} is a function:
   * then the function is asked for a fresh token on each attempt, and the client stops once 3
   * CONNECTs in a row were refused. On a final refusal the client stops (status {@code stopped},
   * no retry loop) and sends, changes, read marks and subscribe() calls waiting for the connection
   * are rejected with the server's code too.
   */
  connect(): Promise<void> {
    if (this.current.status === "online") return Promise.resolve();
    if (this.current.status === "idle" || this.current.status === "stopped") this.authRefusals = 0;
    const connected = new Promise<void>((resolve, reject) => this.connectWaiters.push({ resolve, reject }));
    this.dispatch({ type: "start" });
    return connected;
  }

  /**
   * Closes the connection and stops reconnecting. Pending sends and subscribe calls are rejected
   * with code {@code disconnected}; room subscriptions are kept and resume on the next
   * {@link connect}.
   */
  async disconnect(): Promise<void> {
    const client = this.stomp;
    const error = new ChatError("The client was disconnected", "disconnected");
    for (const request of [...this.requests.values()]) request.fail(error);
    this.failConnectWaiters(error);
    for (const sub of this.roomSubs.values()) rejectAll(sub.waiters, error);
    this.dispatch({ type: "stop" });
    if (client) await client.deactivate().catch(() => undefined);
  }

  /** Skips the back-off wait and tries to reconnect now (e.g. on a "retry" button or the browser's "online" event). */
  retryNow(): void {
    if (this.current.retryDelayMs !== null) this.dispatch({ type: "retry" });
  }

  /** Tells the client the network went away or came back (browsers: window "offline"/"online"). */
  networkChanged(online: boolean): void {
    this.dispatch({ type: online ? "browserOnline" : "browserOffline" });
  }

  /** Registers a listener; returns a function that removes it. */
  on<K extends keyof ClientEvents>(event: K, listener: ClientEvents[K]): () => void {
    const set = this.listeners[event] as Set<ClientEvents[K]>;
    set.add(listener);
    return () => set.delete(listener);
  }

  // ---------------------------------------------------------------- REST shortcuts

  /** Public rooms plus the user's private and direct ones. */
  rooms(): Promise<RoomSummary[]> {
    return this.rest.rooms();
  }

  /** The rooms the user is a participant of, with read state. */
  myRooms(): Promise<RoomSummary[]> {
    return this.rest.myRooms();
  }

  /** Creates a room (PUBLIC unless {@code options.visibility} says PRIVATE). */
  createRoom(name: string, options?: CreateRoomOptions): Promise<Room> {
    return this.rest.createRoom(name, options);
  }

  /** Joins a public room. */
  join(roomId: number): Promise<Room> {
    return this.rest.join(roomId);
  }

  /** Leaves a room; its subscriptions end with {@code onRevoked}. */
  leave(roomId: number): Promise<void> {
    return this.rest.leave(roomId);
  }

  /** A page of history: the newest, or the one before {@code beforeSeq}. */
  history(roomId: number, query?: HistoryQuery): Promise<HistoryPage> {
    return this.rest.history(roomId, query);
  }

  /** One page of the room's participants with their roles. */
  participants(roomId: number, query?: ParticipantQuery): Promise<ParticipantPage> {
    return this.rest.participants(roomId, query);
  }

  /** Kicks, bans, unbans, mutes or unmutes a participant (owner and moderators). */
  moderate(roomId: number, request: ModerationRequest): Promise<Room> {
    return this.rest.moderate(roomId, request);
  }

  /** Makes a participant a moderator or a member again (the owner only). */
  setRole(roomId: number, username: string, role: AssignableRole): Promise<Room> {
    return this.rest.setRole(roomId, username, role);
  }

  /** Renames a room (owner and moderators). */
  renameRoom(roomId: number, name: string): Promise<Room> {
    return this.rest.renameRoom(roomId, name);
  }

  /** Deletes a room (the owner only); every participant's subscriptions end with {@code onRevoked}. */
  deleteRoom(roomId: number): Promise<void> {
    return this.rest.deleteRoom(roomId);
  }

  /** The room's active bans and mutes (owner and moderators). */
  restrictions(roomId: number): Promise<Restriction[]> {
    return this.rest.restrictions(roomId);
  }

  // ---------------------------------------------------------------- rooms

  /**
   * Subscribes to a room (participants only). Resolves once the server confirmed the subscription
   * (after the replay, when {@code sinceSeq} asks for one) and the presence, typing and read-receipt
   * subscriptions of the handlers given, so every signal sent after that reaches them; rejects with the server's code
   * ({@code not-participant}, {@code room-not-found}, {@code banned}, {@code forbidden}: the user may
   * not read the room; or a passing one such as {@code unavailable}), with {@code timeout}, or with
   * {@code invalid-since-seq} when {@code sinceSeq} is not an integer >= -1. While disconnected it waits
   * for the connection. When the server refuses a (re)subscription of a room with live
   * subscriptions, e.g. after a reconnect: for one of the four codes above the room ends with
   * {@code onRevoked}; for any other code the room is kept and subscribed again (from where it
   * was) after a back-off of the {@code backoff} option's delays, or on the next reconnect. Several subscriptions of one room share one server subscription; each
   * gets every record after its own starting point once, in order (one that starts before what the
   * shared subscription has passed makes it subscribe again from there; the others skip what they
   * have). A new one with {@code onPresence} gets the current snapshot at once.
   */
  async subscribe(roomId: number, handlers: RoomHandlers, options: SubscribeOptions = {}): Promise<RoomSubscription> {
    checkRoomId(roomId);
    checkSinceSeq(options.sinceSeq);
    let sub = this.roomSubs.get(roomId);
    if (!sub) {
      const since = options.sinceSeq ?? (await this.newestSeq(roomId));
      sub = this.roomSubs.get(roomId); // another call may have won the race during the await
      if (!sub) {
        sub = {
          roomId,
          position: since,
          entries: new Set(),
          messages: null,
          signals: new Map(),
          signalsPending: new Map(),
          presence: UNKNOWN_PRESENCE,
          confirmed: false,
          receiptId: undefined,
          waiters: [],
          retryTimer: null,
          refusals: 0,
        };
        this.roomSubs.set(roomId, sub);
      }
    }
    const room = sub;
    const entry: Entry = { handlers, lastSeq: options.sinceSeq ?? room.position, resolved: false };
    room.entries.add(entry);
    try {
      if (this.isConnected()) {
        const client = this.stomp!;
        if (!room.messages) {
          this.subscribeRoom(client, room);
        } else if (entry.lastSeq < room.position) {
          // This caller wants records the shared subscription has passed: subscribe again from
          // there; the other callers skip what they already have.
          unsubscribeQuietly(room.messages);
          this.subscribeRoom(client, room);
        } else if (room.confirmed) {
          this.ensureSignals(client, room);
        }
      }
      if (!ready(room)) {
        // Marked in the callback that releases the wait, not once this call continues: a
        // revocation handled in between then reaches its onRevoked.
        await this.awaitConfirmation(room, () => (entry.resolved = true));
      }
    } catch (e) {
      room.entries.delete(entry);
      if (room.entries.size === 0) this.dropRoom(room, true);
      else if (this.roomSubs.get(roomId) === room) this.pruneSignals(room);
      throw e;
    }
    entry.resolved = true;
    if (handlers.onPresence && room.presence.known) {
      const snapshot: PresenceEvent = { type: "snapshot", online: [...room.presence.online], count: room.presence.count };
      this.call(() => handlers.onPresence!(snapshot, room.presence));
    }
    let closed = false;
    return {
      roomId,
      get lastSeq() {
        return entry.lastSeq;
      },
      close: () => {
        if (closed) return;
        closed = true;
        room.entries.delete(entry);
        if (this.roomSubs.get(roomId) !== room) return;
        if (room.entries.size === 0) this.dropRoom(room, true);
        else this.pruneSignals(room);
      },
    };
  }

  /**
   * Sends a chat message. Resolves with the stored message once the server's RECEIPT says it is
   * durable (its {@code seq}, {@code id}, {@code timestamp}); a re-send after a reconnect uses the
   * same {@code clientMsgId}, so the message is stored once. Rejects with the server's code
   * ({@code not-participant}, {@code invalid-content}, …; nothing was stored; a {@code rate-limited}
   * refusal is not one: the client transmits the message again after a pause), with {@code timeout} after {@code sendTimeoutMs} (it may still have been stored:
   * send again with the same clientMsgId to find out), or with {@code disconnected}.
   */
  send(roomId: number, content: string, options: SendOptions = {}): Promise<ChatMessage> {
    checkRoomId(roomId);
    const clientMsgId = options.clientMsgId ?? newUuid();
    if (this.requests.has(clientMsgId)) {
      return Promise.reject(new ChatError(`clientMsgId ${clientMsgId} is already being sent`, "duplicate-send"));
    }
    const body: Record<string, unknown> = { content, clientMsgId };
    if (options.replyTo) body.replyTo = options.replyTo;
    if (options.metadata) body.metadata = options.metadata;
    this.pending.add(clientMsgId, roomId, content, Date.now(), options);
    return new Promise<ChatMessage>((resolve, reject) => {
      const request = this.register(clientMsgId, "send", roomId, Destinations.send(roomId), body, {
        resolve: (headers) => {
          const message: ChatMessage = {
            id: headers[Headers.MESSAGE_ID],
            roomId,
            seq: Number(headers[Headers.SEQ]),
            sender: this.user ?? "",
            content,
            type: "CHAT",
            timestamp: headers[Headers.TIMESTAMP],
            clientMsgId,
          };
          if (options.replyTo) message.replyTo = options.replyTo;
          if (options.metadata) message.metadata = options.metadata;
          resolve(message);
        },
        reject,
      });
      this.transmitIfReady(request);
    });
  }

  /** Replaces the text of one of the user's messages (within the server's edit window). */
  edit(roomId: number, messageId: string, content: string): Promise<Receipt> {
    return this.change(roomId, Destinations.edit(roomId), { messageId, content, clientMsgId: newUuid() });
  }

  /** Deletes a message (it becomes a tombstone): your own, or as the room's owner anyone's and as a moderator members'. */
  deleteMessage(roomId: number, messageId: string): Promise<Receipt> {
    return this.change(roomId, Destinations.delete(roomId), { messageId });
  }

  /** Adds ({@code add} true, the default) or removes the user's reaction; idempotent. */
  react(roomId: number, messageId: string, emoji: string, add = true): Promise<Receipt> {
    return this.change(roomId, Destinations.react(roomId), { messageId, emoji, add });
  }

  /**
   * Tells the room's other participants whether the user is typing (ephemeral: never stored).
   * Paced with read marks (see {@link ClientOptions.sendsPerSecond}): when they would exceed the
   * server's limit, the room's latest state goes as soon as the limit allows and the states before
   * it are skipped. Returns false, and does nothing, while disconnected.
   */
  typing(roomId: number, typing: boolean): boolean {
    checkRoomId(roomId);
    if (!this.isConnected()) return false;
    this.typingOut.delete(roomId); // re-inserted last: rooms go in the order of their latest change
    this.typingOut.set(roomId, typing);
    this.drain();
    return true;
  }

  /** Marks the room read up to {@code seq}; resolves with the read state after it. */
  markRead(roomId: number, seq: number): Promise<ReadStateUpdate> {
    checkRoomId(roomId);
    return new Promise<ReadStateUpdate>((resolve, reject) => {
      const request = this.register(`read-${newUuid()}`, "read", roomId, Destinations.markRead(roomId), { seq }, {
        resolve: (headers) =>
          resolve({
            roomId,
            lastReadSeq: Number(headers[Headers.LAST_READ_SEQ]),
            unreadCount: Number(headers[Headers.UNREAD_COUNT]),
          }),
        reject,
      });
      this.transmitIfReady(request);
    });
  }

  /** Messages sent and not yet acknowledged (oldest first), e.g. to show them as "sending…". */
  pendingSends(roomId?: number): PendingSend[] {
    return roomId === undefined ? this.pending.all() : this.pending.forRoom(roomId);
  }

  // ---------------------------------------------------------------- requests

  private change(roomId: number, destination: string, body: Record<string, unknown>): Promise<Receipt> {
    checkRoomId(roomId);
    return new Promise<Receipt>((resolve, reject) => {
      const request = this.register(`change-${newUuid()}`, "change", roomId, destination, body, {
        resolve: (headers) =>
          resolve({ id: headers[Headers.MESSAGE_ID], seq: Number(headers[Headers.SEQ]), timestamp: headers[Headers.TIMESTAMP] }),
        reject,
      });
      this.transmitIfReady(request);
    });
  }

  private register(
    key: string,
    kind: Request["kind"],
    roomId: number,
    destination: string,
    body: unknown,
    outcome: { resolve(headers: Record<string, string>): void; reject(error: ChatError): void },
  ): Request {
    const finish = () => {
      clearTimeout(request.timer);
      this.requests.delete(key);
      if (request.receiptId) this.byReceipt.delete(request.receiptId);
      if (kind === "send") this.pending.settle(key);
    };
    const request: Request = {
      key,
      kind,
      roomId,
      destination,
      body,
      timer: setTimeout(() => {
        request.fail(new ChatError(`No receipt from the server within ${this.sendTimeoutMs} ms`, "timeout"));
      }, this.sendTimeoutMs),
      onReceipt: (headers) => {
        if (!this.requests.has(key)) return;
        finish();
        outcome.resolve(headers);
      },
      fail: (error) => {
        if (!this.requests.has(key)) return;
        finish();
        outcome.reject(error);
      },
    };
    this.requests.set(key, request);
    return request;
  }

  /**
   * Transmits a request now when possible: connected, and (for a room with a subscription) once
   * that subscription is confirmed, so a re-sent message is never both replayed and delivered live
   * out of order. Otherwise it waits for {@link onSubscriptionConfirmed} or {@link onConnected}.
   */
  private transmitIfReady(request: Request): void {
    if (!this.ready(request)) return;
    if (!this.outbox.includes(request)) this.outbox.push(request);
    this.drain();
  }

  private ready(request: Request): boolean {
    if (!this.isConnected() || request.receiptId || !this.requests.has(request.key)) return false;
    const room = this.roomSubs.get(request.roomId);
    return !room || room.confirmed;
  }

  /**
   * Transmits what the token buckets allow, in order within each bucket (read marks before typing
   * states); arms a timer for the rest.
   */
  private drain(): void {
    const now = Date.now();
    let waitMs = Infinity;
    for (let i = 0; i < this.outbox.length; ) {
      const next = this.outbox[i];
      if (!this.ready(next)) {
        this.outbox.splice(i, 1); // made ready again later by a confirmation or a reconnect
        continue;
      }
      const bucket = this.bucketOf(next);
      if (!bucket.tryTake(now)) {
        waitMs = Math.min(waitMs, bucket.waitMs(now)); // and the rest of this bucket waits too
        i++;
        continue;
      }
      this.outbox.splice(i, 1);
      this.transmit(next);
    }
    waitMs = Math.min(waitMs, this.flushTyping(now));
    if (waitMs !== Infinity && this.drainTimer === null) {
      this.drainTimer = setTimeout(() => {
        this.drainTimer = null;
        this.drain();
      }, waitMs);
    }
  }

  /** Sends the waiting typing states the signal bucket allows; the wait for the rest, or Infinity. */
  private flushTyping(now: number): number {
    if (!this.isConnected()) return Infinity; // discardClient forgets them with the connection
    for (const [roomId, typing] of this.typingOut) {
      if (!this.signalBucket.tryTake(now)) return this.signalBucket.waitMs(now);
      this.typingOut.delete(roomId);
      this.publish(Destinations.sendTyping(roomId), { typing });
    }
    return Infinity;
  }

  private bucketOf(request: Request): TokenBucket {
    return request.kind === "read" ? this.signalBucket : this.sendBucket;
  }

  private transmit(request: Request): void {
    const receiptId = `r-${++this.receiptCounter}`;
    request.receiptId = receiptId;
    this.byReceipt.set(receiptId, request.key);
    if (request.kind === "send") this.pending.markAttempt(request.key, receiptId);
    this.stomp!.watchForReceipt(receiptId, (frame) => request.onReceipt(frame.headers));
    this.publish(request.destination, request.body, receiptId);
  }

  private publish(destination: string, body: unknown, receiptId?: string): void {
    const headers: Record<string, string> = { [Headers.CONTENT_TYPE]: JSON_CONTENT_TYPE };
    if (receiptId) headers[Headers.RECEIPT] = receiptId;
    this.stomp!.publish({ destination, body: JSON.stringify(body), headers });
  }

  /** After a connection loss: sends go again (same clientMsgId); changes and read marks fail (not idempotent). */
  private onConnectionLost(): void {
    for (const request of [...this.requests.values()]) {
      if (!request.receiptId) continue;
      this.byReceipt.delete(request.receiptId);
      request.receiptId = undefined;
      if (request.kind !== "send") {
        request.fail(new ChatError("The connection was lost before the server confirmed; check and try again", "connection-lost"));
      }
    }
  }

  private transmitAll(roomId?: number): void {
    const waiting = [...this.requests.values()].filter((r) => !r.receiptId && (roomId === undefined || r.roomId === roomId));
    const order = new Map(this.pending.all().map((p, i) => [p.clientMsgId, i]));
    waiting.sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0));
    waiting.forEach((r) => this.transmitIfReady(r));
  }

  // ---------------------------------------------------------------- connection

  private isConnected(): boolean {
    return this.current.status === "online" && !!this.stomp?.connected;
  }

  private dispatch(event: ConnectionEvent): void {
    const previous = this.current;
    const next = transition(previous, event, this.backoff);
    if (next === previous) return;
    this.current = next;
    if (next.status === "stopped") {
      this.clearTimer();
      this.clearDrainTimer();
      this.discardClient();
    } else {
      if (next.attempting && !previous.attempting) {
        this.clearTimer();
        void this.openSocket();
      }
      if (next.retryDelayMs !== null) this.armTimer(next.retryDelayMs);
    }
    this.emit("state", next);
  }

  private armTimer(delayMs: number): void {
    this.clearTimer();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.dispatch({ type: "retry" });
    }, delayMs);
  }

  private clearDrainTimer(): void {
    if (this.drainTimer !== null) clearTimeout(this.drainTimer);
    this.drainTimer = null;
  }

  private clearTimer(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private discardClient(): void {
    const client = this.stomp;
    this.stomp = null;
    this.generation++;
    for (const room of this.roomSubs.values()) {
      clearRetry(room); // the next connection subscribes every room
      room.messages = null;
      room.signals.clear();
      room.signalsPending.clear();
      room.confirmed = false;
    }
    this.onConnectionLost();
    this.typingOut.clear(); // the server ends a closed connection's typing states itself
    if (client) void client.deactivate().catch(() => undefined);
  }

  private async openSocket(): Promise<void> {
    this.discardClient();
    const generation = this.generation;
    const live = () => generation === this.generation;
    let factory: () => WebSocket;
    let connectHeaders: Record<string, string>;
    try {
      factory = await this.socketFactory();
      connectHeaders = await this.connectHeaders();
    } catch (e) {
      if (live()) this.dispatch({ type: "closed", reason: String(e) });
      return;
    }
    if (!live()) return;
    let connectedOnce = false;
    const client = new Client({
      webSocketFactory: factory,
      connectHeaders,
      reconnectDelay: 0, // reconnection is driven by the state machine
      connectionTimeout: CONNECT_TIMEOUT_MS,
      heartbeatIncoming: this.options.heartbeatMs ?? HEARTBEAT_INCOMING_MS,
      heartbeatOutgoing: this.heartbeatMs,
      // When heart-beats stop, end the socket at once instead of waiting for a close handshake a
      // dead peer never answers (the ws package can take ~30 s): the reconnect starts right away.
      discardWebsocketOnCommFailure: true,
      debug: () => undefined,
      onConnect: (frame: IFrame) => {
        if (!live()) return;
        connectedOnce = true;
        this.onConnected(client, frame);
      },
      onStompError: (frame: IFrame) => {
        if (!live()) return;
        const code = frame.headers[Headers.CODE];
        const error = new ChatError(describeServerError(frame.headers[Headers.MESSAGE], frame.body), code);
        if (!connectedOnce && this.connectRefusalIsFinal(code)) {
          this.refuseConnection(error);
          return;
        }
        // The server closes the connection after an ERROR. One answering a frame of ours (its
        // receipt-id) fails that request now, instead of letting it time out or go again.
        this.failByReceipt(frame.headers[Headers.RECEIPT_ID], error);
        this.emit("error", error);
      },
      onWebSocketClose: (event?: CloseEvent) => {
        if (!live()) return;
        this.discardClient();
        this.dispatch({ type: "closed", reason: closeReason(event) });
      },
    });
    this.stomp = client;
    client.activate();
  }

  private async socketFactory(): Promise<() => WebSocket> {
    if ((this.options.transport ?? "websocket") === "sockjs") {
      const module = await import("sockjs-client");
      const SockJS = (module.default ?? module) as unknown as new (url: string) => WebSocket;
      return () => new SockJS(this.endpoints.sockJs);
    }
    const WS = this.webSocketConstructor()!;
    return () => new WS(this.endpoints.webSocket, ["v12.stomp", "v11.stomp"]);
  }

  private webSocketConstructor(): WebSocketConstructor | undefined {
    return this.options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  }

  private async token(): Promise<string | undefined> {
    const token = this.options.token;
    return typeof token === "function" ? await token() : token;
  }

  private async connectHeaders(): Promise<Record<string, string>> {
    if (this.options.login !== undefined) return { [LOGIN_HEADER]: this.options.login };
    const token = await this.token();
    return token ? { [AUTHORIZATION_HEADER]: `Bearer ${token}` } : {};
  }

  private async restIdentity(): Promise<Record<string, string>> {
    if (this.options.login !== undefined) return { [USER_HEADER]: this.options.login };
    const token = await this.token();
    return token ? { [AUTHORIZATION_HEADER]: `Bearer ${token}` } : {};
  }

  private onConnected(client: Client, frame: IFrame): void {
    const reconnected = this.current.everConnected;
    this.authRefusals = 0;
    this.user = frame.headers[Headers.USER_NAME] || this.user;
    client.subscribe(Destinations.userErrors, (f) => this.onUserError(f));
    client.subscribe(Destinations.rooms, (f) => {
      const event = parseJson<RoomEvent>(f.body);
      if (event?.room) this.emit("roomEvent", event);
    });
    client.subscribe(Destinations.readState, (f) => {
      const update = parseReadStateUpdate(parseJson(f.body));
      if (update) this.emit("readState", update);
    });
    this.dispatch({ type: "connected" });
    for (const room of this.roomSubs.values()) this.subscribeRoom(client, room);
    this.transmitAll(); // requests of rooms without a subscription; the others follow their confirmation
    const waiters = this.connectWaiters;
    this.connectWaiters = [];
    waiters.forEach((w) => w.resolve());
    this.emit("connected", { user: this.user ?? "", reconnected });
  }

  /**
   * Whether an ERROR answering the CONNECT ends the connection attempts: on the first connection
   * any refusal (credentials, version: retrying cannot help); after that a refusal of the
   * credentials (e.g. an expired token), unless a token function may yield a fresh token: then only
   * once {@link MAX_AUTH_REFUSALS_WITH_TOKEN_FUNCTION} CONNECTs in a row were refused. Other codes
   * (a passing server failure) are retried with the back-off.
   */
  private connectRefusalIsFinal(code: string | undefined): boolean {
    if (!this.current.everConnected) return true;
    if (code === undefined || !AUTH_REFUSALS.has(code)) return false;
    this.authRefusals++;
    return typeof this.options.token !== "function" || this.authRefusals >= MAX_AUTH_REFUSALS_WITH_TOKEN_FUNCTION;
  }

  /**
   * The server refused the CONNECT for good: the client stops (no retry loop) and what waits for a
   * connection fails with the server's code: connect() calls, sends, changes, read marks and
   * subscribe() calls. Room subscriptions are kept and resume on the next {@link connect}.
   */
  private refuseConnection(error: ChatError): void {
    this.authRefusals = 0;
    for (const request of [...this.requests.values()]) request.fail(error);
    this.failConnectWaiters(error);
    for (const room of [...this.roomSubs.values()]) rejectAll(room.waiters, error);
    this.emit("error", error);
    this.dispatch({ type: "stop", reason: error.message });
  }

  private failConnectWaiters(error: ChatError): void {
    const waiters = this.connectWaiters;
    this.connectWaiters = [];
    waiters.forEach((w) => w.reject(error));
  }

  /** An application error: a refused request (by receipt id), a revocation, or something general. */
  private onUserError(frame: IMessage): void {
    const revocation = revocationOf(frame.body);
    if (revocation) {
      this.onRevoked(revocation);
      return;
    }
    const json = parseJson<{ code?: string; receiptId?: string; clientMsgId?: string }>(frame.body) ?? {};
    const error = new ChatError(describeServerError(frame.headers[Headers.MESSAGE], frame.body), json.code);
    const key = (json.receiptId && this.byReceipt.get(json.receiptId)) || json.clientMsgId;
    const request = key ? this.requests.get(key) : undefined;
    if (request && json.code === RATE_LIMITED && request.receiptId) {
      // Nothing happened on the server: transmit again once the bucket has refilled.
      this.byReceipt.delete(request.receiptId);
      request.receiptId = undefined;
      this.bucketOf(request).empty(Date.now());
      this.outbox.unshift(request);
      this.drain();
      return;
    }
    if (request) {
      request.fail(error);
      return;
    }
    const receiptId = json.receiptId;
    const room = receiptId ? [...this.roomSubs.values()].find((r) => r.receiptId === receiptId || r.signalsPending.has(receiptId)) : undefined;
    if (room && !(json.code && FINAL_SUBSCRIBE_REFUSALS.has(json.code))) {
      // A passing refusal (e.g. unavailable): the waiting calls fail, the room stays, and the
      // refused subscription is made again after a back-off (or on the next reconnect).
      rejectAll(room.waiters, error);
      const kind = room.signalsPending.get(receiptId!);
      if (kind !== undefined) {
        room.signalsPending.delete(receiptId!);
        room.signals.delete(kind); // the server has no such subscription
      } else {
        room.messages = null; // nor this one
        room.receiptId = undefined;
      }
      this.scheduleResubscribe(room);
      return;
    }
    if (room) {
      // The server refused the room's (re)subscription, or one of its signal subscriptions: not
      // (or no longer) a participant. The server ends the room's other subscriptions itself (an
      // UNSUBSCRIBE racing that would be refused).
      const handlers = revocable(room);
      rejectAll(room.waiters, error);
      this.dropRoom(room, false);
      for (const h of handlers) if (h.onRevoked) this.call(() => h.onRevoked!(room.roomId));
      return;
    }
    this.emit("error", error);
  }

  /**
   * The request or the waiting subscribe() calls an ERROR frame answers (by receipt id): they fail
   * with its code. A room stays (its other subscribers resume on the next connection); a send
   * refused as {@code rate-limited} is left to go again after the reconnect.
   */
  private failByReceipt(receiptId: string | undefined, error: ChatError): void {
    if (!receiptId) return;
    const key = this.byReceipt.get(receiptId);
    const request = key ? this.requests.get(key) : undefined;
    if (request) {
      if (error.code !== RATE_LIMITED) request.fail(error);
      return;
    }
    const room = [...this.roomSubs.values()].find((r) => r.receiptId === receiptId || r.signalsPending.has(receiptId));
    if (room) rejectAll(room.waiters, error);
  }

  private onRevoked(revocation: Revocation): void {
    const room = this.roomSubs.get(revocation.roomId);
    if (!room || !room.messages) return;
    const ids = [room.messages.id, ...[...room.signals.values()].map((s) => s.id)];
    if (revocation.subscription !== undefined && !ids.includes(revocation.subscription)) return; // an earlier one
    const handlers = revocable(room);
    // A subscribe() still waiting (for its signal subscriptions) fails instead.
    rejectAll(room.waiters, new ChatError(`The subscription of room ${room.roomId} was revoked: not a participant`, "not-participant"));
    this.dropRoom(room, false); // the server ended every subscription of the room itself
    for (const h of handlers) if (h.onRevoked) this.call(() => h.onRevoked!(room.roomId));
  }

  /** Makes a room's refused subscriptions again after a back-off, unless the room is gone by then. */
  private scheduleResubscribe(room: RoomSub): void {
    clearRetry(room);
    const delay = Math.min(this.backoff.initialDelayMs * 2 ** room.refusals, this.backoff.maxDelayMs);
    room.refusals++;
    room.retryTimer = setTimeout(() => {
      room.retryTimer = null;
      // Not connected: the reconnect subscribes every room anyway.
      if (this.roomSubs.get(room.roomId) !== room || room.entries.size === 0 || !this.isConnected()) return;
      const client = this.stomp!;
      if (!room.messages) this.subscribeRoom(client, room);
      else if (room.confirmed) this.ensureSignals(client, room);
    }, delay);
  }

  private subscribeRoom(client: Client, room: RoomSub): void {
    clearRetry(room);
    room.confirmed = false;
    const receiptId = `sub-${room.roomId}-${++this.receiptCounter}`;
    room.receiptId = receiptId;
    client.watchForReceipt(receiptId, () => {
      if (this.roomSubs.get(room.roomId) !== room || room.receiptId !== receiptId || this.stomp !== client) return;
      room.confirmed = true;
      room.refusals = 0;
      // Signals only once the room is confirmed: a refused room never gets three more refusals.
      this.ensureSignals(client, room);
      this.releaseWaiters(room);
      this.transmitAll(room.roomId);
    });
    room.messages = client.subscribe(
      Destinations.roomTopic(room.roomId),
      (frame) => this.onRoomFrame(room, frame),
      { [Headers.SINCE_SEQ]: String(resumeFrom(room)), [Headers.RECEIPT]: receiptId },
    );
  }

  /**
   * Ends the room's signal subscriptions no remaining handler wants (the last one with, say,
   * onTyping closed), so the server stops sending them and they no longer count toward its
   * subscriptions-per-connection limit.
   */
  private pruneSignals(room: RoomSub): void {
    for (const [kind, subscription] of [...room.signals]) {
      if (wantsSignal(room, kind)) continue;
      room.signals.delete(kind);
      for (const [receiptId, pendingKind] of [...room.signalsPending]) {
        if (pendingKind === kind) room.signalsPending.delete(receiptId);
      }
      if (this.isConnected()) unsubscribeQuietly(subscription);
    }
    // A subscribe() waiting only for a signal subscription nobody wants any more may go on.
    this.releaseWaiters(room);
  }

  private ensureSignals(client: Client, room: RoomSub): void {
    const subscribe = (kind: SignalKind, destination: string, handle: (json: unknown) => void) => {
      if (room.signals.has(kind) || !wantsSignal(room, kind)) return;
      // With a receipt: subscribe() resolves only once the server has every subscription, so a
      // signal sent by someone else after that reaches this client.
      const receiptId = `sig-${room.roomId}-${++this.receiptCounter}`;
      room.signalsPending.set(receiptId, kind);
      client.watchForReceipt(receiptId, () => {
        if (this.roomSubs.get(room.roomId) !== room || this.stomp !== client || !room.signalsPending.delete(receiptId)) return;
        this.releaseWaiters(room);
      });
      room.signals.set(
        kind,
        client.subscribe(
          destination,
          (frame) => {
            if (this.roomSubs.get(room.roomId) === room && room.signals.get(kind)?.id === frame.headers.subscription) {
              handle(parseJson(frame.body));
            }
          },
          { [Headers.RECEIPT]: receiptId },
        ),
      );
    };
    subscribe("presence", Destinations.presence(room.roomId), (json) => {
      const event = parsePresenceEvent(json);
      if (!event) return;
      room.presence = applyPresence(room.presence, event);
      this.each(room, (h) => h.onPresence?.(event, room.presence));
    });
    subscribe("typing", Destinations.typing(room.roomId), (json) => {
      const event = parseTypingEvent(json);
      if (event) this.each(room, (h) => h.onTyping?.(event));
    });
    subscribe("reads", Destinations.reads(room.roomId), (json) => {
      const receipt = parseReadReceipt(json);
      if (receipt) this.each(room, (h) => h.onReadReceipt?.(receipt));
    });
  }

  private onRoomFrame(room: RoomSub, frame: IMessage): void {
    if (this.roomSubs.get(room.roomId) !== room || room.messages?.id !== frame.headers.subscription) return;
    const message = parseJson<ChatMessage>(frame.body);
    if (!message) return;
    if (message.seq === undefined && frame.headers[Headers.SEQ]) message.seq = Number(frame.headers[Headers.SEQ]);
    if (message.roomId === undefined) message.roomId = room.roomId;
    if (!Number.isFinite(message.seq)) return;
    room.position = Math.max(room.position, message.seq);
    // Each caller gets each record once: a replay overlapping live delivery, or one made for a
    // caller that subscribed later from an older seq, is skipped by those that have it.
    const due = [...room.entries].filter((e) => message.seq > e.lastSeq);
    if (due.length === 0) return;
    due.forEach((e) => (e.lastSeq = message.seq));
    if (message.clientMsgId && message.sender === this.user) {
      // Our own message arrived before its receipt (e.g. the receipt was lost with the connection).
      const request = this.requests.get(message.clientMsgId);
      if (request?.kind === "send") {
        request.onReceipt({
          [Headers.MESSAGE_ID]: message.id,
          [Headers.SEQ]: String(message.seq),
          [Headers.TIMESTAMP]: message.timestamp,
        });
      }
    }
    for (const { handlers: h } of due) {
      switch (message.type) {
        case "EDIT":
          if (h.onEdit) this.call(() => h.onEdit!(message));
          break;
        case "DELETE":
          if (h.onDelete) this.call(() => h.onDelete!(message));
          break;
        case "REACTION":
          if (h.onReaction) this.call(() => h.onReaction!(message));
          break;
        default:
          if (h.onMessage) this.call(() => h.onMessage!(message));
      }
    }
  }

  /** Forgets a room; unsubscribes on the server unless it already ended the subscriptions. */
  private dropRoom(room: RoomSub, unsubscribe: boolean): void {
    if (this.roomSubs.get(room.roomId) === room) this.roomSubs.delete(room.roomId);
    if (unsubscribe && this.isConnected()) {
      for (const s of [room.messages, ...room.signals.values()]) if (s) unsubscribeQuietly(s);
    }
    clearRetry(room);
    room.messages = null;
    room.signals.clear();
    room.signalsPending.clear();
    room.entries.clear();
    // Requests of the room no longer wait for a confirmation that will not come.
    this.transmitAll(room.roomId);
  }

  /** Resolves the room's waiting subscribe() calls once the room and its signal subscriptions are confirmed. */
  private releaseWaiters(room: RoomSub): void {
    if (!ready(room)) return;
    const waiters = room.waiters;
    room.waiters = [];
    waiters.forEach((w) => w.resolve());
  }

  private awaitConfirmation(room: RoomSub, onConfirmed: () => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        room.waiters = room.waiters.filter((w) => w !== waiter);
        reject(new ChatError(`The server did not confirm the subscription of room ${room.roomId} within ${this.subscribeTimeoutMs} ms`, "timeout"));
      }, this.subscribeTimeoutMs);
      const waiter: Waiter<void> = {
        resolve: () => {
          clearTimeout(timer);
          onConfirmed();
          resolve();
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      room.waiters.push(waiter);
    });
  }

  private async newestSeq(roomId: number): Promise<number> {
    const page = await this.rest.history(roomId, { limit: 1 });
    return page.messages.length === 0 ? -1 : page.messages[page.messages.length - 1].seq;
  }

  private each(room: RoomSub, action: (handlers: RoomHandlers) => void): void {
    for (const h of handlersOf(room)) this.call(() => action(h));
  }

  private call(action: () => void): void {
    try {
      action();
    } catch (e) {
      this.emit("error", new ChatError(`A handler failed: ${String(e)}`, "handler-failed"));
    }
  }

  private emit<K extends keyof ClientEvents>(event: K, ...args: Parameters<ClientEvents[K]>): void {
    for (const listener of [...this.listeners[event]]) {
      try {
        (listener as (...a: Parameters<ClientEvents[K]>) => void)(...args);
      } catch (e) {
        if (event !== "error") this.emit("error", new ChatError(`A listener failed: ${String(e)}`, "handler-failed"));
      }
    }
  }
}

function handlersOf(room: RoomSub): RoomHandlers[] {
  return [...room.entries].map((e) => e.handlers);
}

/** Whether a handler of the room wants that kind of signal. */
function wantsSignal(room: RoomSub, kind: SignalKind): boolean {
  return handlersOf(room).some((h) => (kind === "presence" ? h.onPresence : kind === "typing" ? h.onTyping : h.onReadReceipt));
}

/** Whether the server confirmed the room's subscription and every signal subscription it has asked for. */
function ready(room: RoomSub): boolean {
  return room.confirmed && room.signalsPending.size === 0;
}

/** The handlers to tell that the room's subscription ended: those whose subscribe() resolved. */
function revocable(room: RoomSub): RoomHandlers[] {
  return [...room.entries].filter((e) => e.resolved).map((e) => e.handlers);
}

/** Where a (re)subscription starts: after the oldest seq any caller of the room has. */
function resumeFrom(room: RoomSub): number {
  let from = room.position;
  for (const e of room.entries) from = Math.min(from, e.lastSeq);
  return from;
}

function clearRetry(room: RoomSub): void {
  if (room.retryTimer !== null) clearTimeout(room.retryTimer);
  room.retryTimer = null;
}

function unsubscribeQuietly(subscription: StompSubscription): void {
  try {
    subscription.unsubscribe();
  } catch {
    // the connection is gone: nothing to end
  }
}

function rejectAll(waiters: Waiter<void>[], error: ChatError): void {
  const copy = waiters.splice(0, waiters.length);
  copy.forEach((w) => w.reject(error));
}

function checkRoomId(roomId: number): void {
  if (!Number.isSafeInteger(roomId) || roomId <= 0) {
    throw new ChatError(`roomId must be a positive integer; was ${roomId}`, "invalid-room-id");
  }
}

function checkSinceSeq(sinceSeq: number | undefined): void {
  if (sinceSeq !== undefined && !(Number.isSafeInteger(sinceSeq) && sinceSeq >= -1)) {
    throw new ChatError(`sinceSeq must be an integer >= -1 (a seq, or -1 for the whole history); was ${sinceSeq}`, "invalid-since-seq");
  }
}

function parseJson<T = unknown>(body: string): T | undefined {
  try {
    return JSON.parse(body) as T;
  } catch {
    return undefined;
  }
}

function closeReason(event?: CloseEvent): string {
  if (!event) return "Connection closed";
  const reason = event.reason?.trim();
  return reason ? `Connection closed: ${reason} (${event.code})` : `Connection closed (${event.code})`;
}
