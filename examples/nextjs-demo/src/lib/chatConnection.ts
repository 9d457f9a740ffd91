import { Client, type IFrame, type IMessage, type StompSubscription } from "@stomp/stompjs";
import { sockJsUrl } from "./config";
import { describeServerError, errorClientMsgId, type Revocation, revocationOf } from "./errors";
import {
  Destinations,
  HEARTBEAT_INCOMING_MS,
  HEARTBEAT_OUTGOING_MS,
  Headers,
  JSON_CONTENT_TYPE,
  LOGIN_HEADER,
} from "./protocol";
import {
  type BackoffOptions,
  type ConnectionEvent,
  type ConnectionState,
  DEFAULT_BACKOFF,
  INITIAL_STATE,
  transition,
} from "./reconnect";
import { parsePresenceEvent } from "./presenceState";
import { parseReadReceipt } from "./receiptsState";
import { parseTypingEvent } from "./typingState";
import type { ChatMessage, PresenceEvent, ReadReceipt, ReadStateUpdate, RoomEvent, TypingEvent } from "./types";
import { parseReadStateUpdate } from "./unreadState";

/** What the connection reports to its owner (the chat store). */
export interface ConnectionListener {
  state(state: ConnectionState): void;
  /** A (re)connection is established and subscriptions are sent: time to resend and refresh. */
  ready(reconnected: boolean): void;
  message(message: ChatMessage): void;
  roomEvent(event: RoomEvent): void;
  /** An error from the server (ERROR frame or /user/queue/errors). */
  serverError(text: string, clientMsgId?: string): void;
  receipt(receiptId: string, headers: Record<string, string>): void;
  /**
   * The server ended the subscription of the wanted room (the user left or was removed). The
   * connection no longer wants that room, so it is not subscribed again after a reconnect.
   */
  revoked(roomId: number): void;
  /** Presence of the subscribed room: a snapshot after every (re)subscription, then changes. */
  presence(roomId: number, event: PresenceEvent): void;
  typing(roomId: number, event: TypingEvent): void;
  readReceipt(roomId: number, receipt: ReadReceipt): void;
  /** The user's read state of a room changed (any room, any device). */
  readState(update: ReadStateUpdate): void;
}

/** The signal subscriptions held next to a room's message subscription. */
type SignalKind = "presence" | "typing" | "reads";

const CONNECT_TIMEOUT_MS = 10_000;

type SockJsCtor = new (url: string) => WebSocket;
let sockJsModule: Promise<SockJsCtor> | null = null;
function loadSockJs(): Promise<SockJsCtor> {
  // Loaded lazily: sockjs-client touches browser globals, and the page is prerendered at build.
  sockJsModule ??= import("sockjs-client").then((m) => (m.default ?? m) as unknown as SockJsCtor);
  return sockJsModule;
}

/**
 * One user's STOMP-over-SockJS connection with automatic reconnection (see reconnect.ts).
 * Keeps the wanted subscriptions (room list, personal errors, at most one room) and restores them
 * on every reconnect; the room is re-subscribed with since-seq = the last seq seen, so the server
 * replays what was missed. Each attempt uses a fresh stompjs Client; frames of a superseded
 * attempt are ignored. Browser main thread only.
 */
export class ChatConnection {
  private current: ConnectionState = INITIAL_STATE;
  private client: Client | null = null;
  private generation = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private wantedRoom: number | null = null;
  private roomSubscription: { roomId: number; subscription: StompSubscription } | null = null;
  /** Presence, typing and read receipts of the subscribed room. */
  private signalSubscriptions: { roomId: number; kind: SignalKind; subscription: StompSubscription }[] = [];

  constructor(
    private readonly username: string,
    private readonly listener: ConnectionListener,
    private readonly lastSeenSeq: (roomId: number) => number | undefined,
    private readonly backoff: BackoffOptions = DEFAULT_BACKOFF,
  ) {}

  get state(): ConnectionState {
    return this.current;
  }

  start(): void {
    this.dispatch({ type: "start" });
  }

  stop(): void {
    this.dispatch({ type: "stop" });
  }

  /** Skips the back-off wait and tries to connect now. */
  retryNow(): void {
    if (this.current.retryDelayMs !== null) this.dispatch({ type: "retry" });
  }

  browserOnline(online: boolean): void {
    this.dispatch({ type: online ? "browserOnline" : "browserOffline" });
  }

  /**
   * Switches the room subscription and its signal subscriptions (unsubscribing the previous
   * room); null for none.
   */
  setRoom(roomId: number | null): void {
    this.wantedRoom = roomId;
    if (this.roomSubscription && this.roomSubscription.roomId !== roomId) {
      unsubscribe(this.roomSubscription.subscription);
      this.roomSubscription = null;
    }
    const stale = this.signalSubscriptions.filter((s) => s.roomId !== roomId);
    stale.forEach((s) => unsubscribe(s.subscription));
    this.signalSubscriptions = this.signalSubscriptions.filter((s) => s.roomId === roomId);
    if (roomId !== null && !this.roomSubscription && this.isConnected()) {
      this.subscribeRoom(this.client!, roomId);
    }
  }

  /**
   * The user is no longer a participant of the room (left here or elsewhere, removed): stops
   * wanting it and forgets its subscriptions WITHOUT unsubscribing. The server ends every one of
   * them itself at the user's LEAVE (and says so with subscription-revoked, ignored for forgotten
   * ids); an UNSUBSCRIBE racing with that would name an id the server already dropped, which it
   * answers with an ERROR that closes the connection.
   */
  abandonRoom(roomId: number): void {
    if (this.wantedRoom === roomId) this.wantedRoom = null;
    if (this.roomSubscription?.roomId === roomId) this.roomSubscription = null;
    this.signalSubscriptions = this.signalSubscriptions.filter((s) => s.roomId !== roomId);
  }

  /** Tells the room's other participants whether the user is typing. Returns false when not connected. */
  sendTyping(roomId: number, typing: boolean): boolean {
    return this.publish(Destinations.sendTyping(roomId), { typing });
  }

  /** Marks the room read up to {@code seq}. Returns false when not connected. */
  markRead(roomId: number, seq: number): boolean {
    return this.publish(Destinations.markRead(roomId), { seq });
  }

  private publish(destination: string, body: unknown): boolean {
    const client = this.client;
    if (!client || !this.isConnected()) return false;
    client.publish({
      destination,
      body: JSON.stringify(body),
      headers: { [Headers.CONTENT_TYPE]: JSON_CONTENT_TYPE },
    });
    return true;
  }

  /** Edits one of the user's messages. Returns false when not connected; refusals come as server errors. */
  edit(roomId: number, messageId: string, content: string): boolean {
    return this.publish(Destinations.edit(roomId), { messageId, content });
  }

  /** Deletes one of the user's messages. Returns false when not connected. */
  deleteMessage(roomId: number, messageId: string): boolean {
    return this.publish(Destinations.delete(roomId), { messageId });
  }

  /** Adds or removes the user's reaction on a message. Returns false when not connected. */
  react(roomId: number, messageId: string, emoji: string, add: boolean): boolean {
    return this.publish(Destinations.react(roomId), { messageId, emoji, add });
  }

  /** Sends a chat message with a receipt request. Returns false when not connected. */
  send(roomId: number, content: string, clientMsgId: string, receiptId: string, replyTo?: string): boolean {
    const client = this.client;
    if (!client || !this.isConnected()) return false;
    client.watchForReceipt(receiptId, (frame) => this.listener.receipt(receiptId, frame.headers));
    client.publish({
      destination: Destinations.send(roomId),
      body: JSON.stringify(replyTo ? { content, clientMsgId, replyTo } : { content, clientMsgId }),
      headers: { [Headers.RECEIPT]: receiptId, [Headers.CONTENT_TYPE]: JSON_CONTENT_TYPE },
    });
    return true;
  }

  private isConnected(): boolean {
    return this.current.status === "online" && !!this.client?.connected;
  }

  private dispatch(event: ConnectionEvent): void {
    const previous = this.current;
    const next = transition(previous, event, this.backoff);
    if (next === previous) return;
    this.current = next;
    if (next.status === "stopped") {
      this.clearTimer();
      this.discardClient();
    } else {
      if (next.attempting && !previous.attempting) {
        this.clearTimer();
        void this.openSocket();
      }
      if (next.retryDelayMs !== null) this.armTimer(next.retryDelayMs);
    }
    this.listener.state(next);
  }

  private armTimer(delayMs: number): void {
    this.clearTimer();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.dispatch({ type: "retry" });
    }, delayMs);
  }

  private clearTimer(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private discardClient(): void {
    const client = this.client;
    this.client = null;
    this.roomSubscription = null;
    this.signalSubscriptions = [];
    this.generation++;
    if (client) void client.deactivate().catch(() => undefined);
  }

  private async openSocket(): Promise<void> {
    this.discardClient();
    const generation = this.generation;
    let SockJS: SockJsCtor;
    try {
      SockJS = await loadSockJs();
    } catch {
      if (generation === this.generation) {
        this.dispatch({ type: "closed", reason: "Could not load the SockJS client" });
      }
      return;
    }
    if (generation !== this.generation) return;
    const live = () => generation === this.generation;
    const client = new Client({
      webSocketFactory: () => new SockJS(sockJsUrl()),
      connectHeaders: { [LOGIN_HEADER]: this.username },
      reconnectDelay: 0, // reconnection is driven by the state machine
      connectionTimeout: CONNECT_TIMEOUT_MS,
      heartbeatIncoming: HEARTBEAT_INCOMING_MS,
      heartbeatOutgoing: HEARTBEAT_OUTGOING_MS,
      debug: () => undefined,
      onConnect: () => {
        if (live()) this.onConnected(client);
      },
      onStompError: (frame: IFrame) => {
        if (!live()) return;
        this.listener.serverError(describeServerError(frame.headers[Headers.MESSAGE], frame.body));
      },
      onWebSocketClose: (event?: CloseEvent) => {
        if (!live()) return;
        this.discardClient();
        this.dispatch({ type: "closed", reason: closeReason(event) });
      },
    });
    this.client = client;
    client.activate();
  }

  private onConnected(client: Client): void {
    const reconnected = this.current.everConnected;
    client.subscribe(Destinations.rooms, (frame) => {
      const event = parseJson<RoomEvent>(frame.body);
      if (event?.room) this.listener.roomEvent(event);
    });
    client.subscribe(Destinations.userErrors, (frame) => {
      const revocation = revocationOf(frame.body);
      if (revocation) {
        this.onRevoked(revocation);
        return;
      }
      this.listener.serverError(
        describeServerError(frame.headers[Headers.MESSAGE], frame.body),
        errorClientMsgId(frame.body),
      );
    });
    client.subscribe(Destinations.readState, (frame) => {
      const update = parseReadStateUpdate(parseJson(frame.body));
      if (update) this.listener.readState(update);
    });
    this.roomSubscription = null;
    this.signalSubscriptions = [];
    this.dispatch({ type: "connected" });
    if (this.wantedRoom !== null) this.subscribeRoom(client, this.wantedRoom);
    this.listener.ready(reconnected);
  }

  /**
   * Dispatches a revocation by subscription id: the room's message subscription or one of its
   * signal subscriptions. Either means the user is no longer a participant, so the room is
   * abandoned (the server ends its other subscriptions too) and not subscribed again after a
   * reconnect. Revocations of subscriptions no longer held (an earlier one, e.g. before leaving
   * and joining again, or one of an abandoned room) are ignored.
   */
  private onRevoked(revocation: Revocation): void {
    const { roomId } = revocation;
    const active = this.roomSubscription;
    const signal = this.signalSubscriptions.some((s) => endsSignalSubscription(revocation, s.roomId, s.subscription.id));
    if (!signal && !(active && endsSubscription(revocation, active.roomId, active.subscription.id))) return;
    this.abandonRoom(roomId);
    this.listener.revoked(roomId);
  }

  /** Whether a subscription is still held (frames of abandoned ones are dropped). */
  private holds(subscriptionId: string): boolean {
    return (
      this.roomSubscription?.subscription.id === subscriptionId ||
      this.signalSubscriptions.some((s) => s.subscription.id === subscriptionId)
    );
  }

  private subscribeRoom(client: Client, roomId: number): void {
    const since = this.lastSeenSeq(roomId);
    const headers: Record<string, string> = {};
    if (since !== undefined) headers[Headers.SINCE_SEQ] = String(since);
    const subscription = client.subscribe(
      Destinations.roomTopic(roomId),
      (frame: IMessage) => {
        if (!this.holds(frame.headers.subscription)) return;
        const message = parseJson<ChatMessage>(frame.body);
        if (!message) return;
        if (message.seq === undefined && frame.headers[Headers.SEQ]) {
          message.seq = Number(frame.headers[Headers.SEQ]);
        }
        if (message.roomId === undefined) message.roomId = roomId;
        this.listener.message(message);
      },
      headers,
    );
    this.roomSubscription = { roomId, subscription };
    this.subscribeSignals(client, roomId);
  }

  /** Presence (a fresh snapshot each time), typing and read receipts of the room. */
  private subscribeSignals(client: Client, roomId: number): void {
    const subscribe = (kind: SignalKind, destination: string, handle: (json: unknown) => void) => {
      const subscription = client.subscribe(destination, (frame: IMessage) => {
        if (this.holds(frame.headers.subscription)) handle(parseJson(frame.body));
      });
      this.signalSubscriptions.push({ roomId, kind, subscription });
    };
    subscribe("presence", Destinations.presence(roomId), (json) => {
      const event = parsePresenceEvent(json);
      if (event) this.listener.presence(roomId, event);
    });
    subscribe("typing", Destinations.typing(roomId), (json) => {
      const event = parseTypingEvent(json);
      if (event) this.listener.typing(roomId, event);
    });
    subscribe("reads", Destinations.reads(roomId), (json) => {
      const receipt = parseReadReceipt(json);
      if (receipt) this.listener.readReceipt(roomId, receipt);
    });
  }
}

/**
 * Whether a revocation ends a signal subscription we hold: only by its id (a revocation that
 * names no subscription is about the room's message subscription).
 */
export function endsSignalSubscription(revocation: Revocation, roomId: number, subscriptionId: string): boolean {
  return revocation.roomId === roomId && revocation.subscription === subscriptionId;
}

function unsubscribe(subscription: StompSubscription): void {
  try {
    subscription.unsubscribe();
  } catch {
    // connection already gone: nothing to unsubscribe
  }
}

/**
 * Whether a revocation ends the room subscription we hold: same room and, when the server names
 * the subscription, the same id (a late revocation of an earlier subscription is ignored).
 */
export function endsSubscription(revocation: Revocation, roomId: number, subscriptionId: string): boolean {
  if (revocation.roomId !== roomId) return false;
  return revocation.subscription === undefined || revocation.subscription === subscriptionId;
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
