/**
 * React hooks over a {@link ChatClient}: put the client in a {@link ChatClientProvider} (or pass
 * it to each hook), then read rooms, messages, presence, typing and unread counts as state. Each
 * hook subscribes on mount and unsubscribes on unmount or when its room changes; the client keeps
 * the subscriptions across reconnects, so the state stays gap-free.
 *
 * React 18 or later; browser or any renderer with timers. The hooks never throw for server
 * errors: they return {@code error} (a {@link ChatError}) instead.
 */
import { createContext, createElement, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import type { ChatClient, RoomHandlers, SendOptions } from "../client.js";
import { ChatError } from "../errors.js";
import type { ConnectionState } from "../reconnect.js";
import { applyChange } from "../state/messageChanges.js";
import { mergeMessages, newestSeq, oldestSeq } from "../state/messageMerge.js";
import { type PresenceState, UNKNOWN_PRESENCE } from "../state/presenceState.js";
import { applyTyping, expireTyping, messageArrived, nextExpiry, NO_TYPING, typingUsers } from "../state/typingState.js";
import { applyReadState, NO_UNREAD, type UnreadState, unreadFromRooms } from "../state/unreadState.js";
import type { ChatMessage, ReadStateUpdate, Room } from "../types.js";

const ChatClientContext = createContext<ChatClient | null>(null);

/** Makes {@code client} the one the hooks below use. */
export function ChatClientProvider(props: { client: ChatClient; children?: ReactNode }) {
  return createElement(ChatClientContext.Provider, { value: props.client }, props.children);
}

/** The client given to the nearest {@link ChatClientProvider}, or {@code explicit} when given. */
export function useChatClient(explicit?: ChatClient): ChatClient {
  const fromContext = useContext(ChatClientContext);
  const client = explicit ?? fromContext;
  if (!client) throw new Error("No ChatClient: wrap the tree in <ChatClientProvider client={...}> or pass the client to the hook");
  return client;
}

/** The connection state (online, reconnecting, offline, …), re-rendering on every change. */
export function useConnectionState(explicit?: ChatClient): ConnectionState {
  const client = useChatClient(explicit);
  const [state, setState] = useState(client.state);
  useEffect(() => {
    setState(client.state);
    return client.on("state", setState);
  }, [client]);
  return state;
}

/** A room with its participants; reloaded when someone joins or leaves it or it changes (a deleted room ends in an error). */
export function useRoom(roomId: number, explicit?: ChatClient): { room: Room | null; error: ChatError | null } {
  const client = useChatClient(explicit);
  const [room, setRoom] = useState<Room | null>(null);
  const [error, setError] = useState<ChatError | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      client.rest.room(roomId).then(
        (r) => live && (setRoom(r), setError(null)),
        (e: unknown) => live && setError(asChatError(e)),
      );
    setRoom(null);
    void load();
    const off = client.on("roomEvent", (event) => {
      if (event.room.id === roomId && event.kind !== "CREATED") void load();
    });
    return () => {
      live = false;
      off();
    };
  }, [client, roomId]);
  return { room, error };
}

/** What {@link useMessages} returns. */
export interface MessagesView {
  /** Chat messages and notices, ascending by seq, with edits, deletes and reactions applied. */
  messages: readonly ChatMessage[];
  /** Whether older messages exist ({@link loadOlder}). */
  hasMore: boolean;
  /** True until the newest page is loaded and the room subscribed. */
  loading: boolean;
  /** Why loading or the subscription failed (e.g. code not-participant). */
  error: ChatError | null;
  /** True once the server ended the subscription (the user left or was removed). */
  revoked: boolean;
  /** Loads the page before the oldest loaded message. */
  loadOlder(): Promise<void>;
  /** Sends into the room (see {@link ChatClient.send}); the message appears when it is delivered. */
  send(content: string, options?: SendOptions): Promise<ChatMessage>;
}

/**
 * The newest page of a room's history, then every new message live (subscribed from the newest
 * loaded seq, so nothing falls between the page and the subscription), with change records folded
 * in by {@link applyChange}.
 */
export function useMessages(roomId: number, options: { pageSize?: number; client?: ChatClient } = {}): MessagesView {
  const client = useChatClient(options.client);
  const pageSize = options.pageSize ?? 50;
  const [messages, setMessages] = useState<readonly ChatMessage[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ChatError | null>(null);
  const [revoked, setRevoked] = useState(false);
  const current = useRef<readonly ChatMessage[]>([]);
  const update = useCallback((next: (m: readonly ChatMessage[]) => readonly ChatMessage[]) => {
    current.current = next(current.current);
    setMessages(current.current);
  }, []);

  useEffect(() => {
    let live = true;
    let close: (() => void) | undefined;
    current.current = [];
    setMessages([]);
    setLoading(true);
    setError(null);
    setRevoked(false);
    const fold = (record: ChatMessage) => live && update((m) => applyChange(m, record));
    (async () => {
      const page = await client.history(roomId, { limit: pageSize });
      if (!live) return;
      update((m) => mergeMessages(m, page.messages));
      setHasMore(page.hasMore);
      const subscription = await client.subscribe(
        roomId,
        {
          onMessage: (message) => live && update((m) => mergeMessages(m, [message])),
          onEdit: fold,
          onDelete: fold,
          onReaction: fold,
          onRevoked: () => live && setRevoked(true),
        },
        { sinceSeq: newestSeq(page.messages) ?? -1 },
      );
      if (!live) subscription.close();
      else close = () => subscription.close();
    })().then(
      () => live && setLoading(false),
      (e: unknown) => {
        if (!live) return;
        setError(asChatError(e));
        setLoading(false);
      },
    );
    return () => {
      live = false;
      close?.();
    };
  }, [client, roomId, pageSize, update]);

  const loadOlder = useCallback(async () => {
    const before = oldestSeq(current.current);
    if (before === undefined) return;
    try {
      const page = await client.history(roomId, { beforeSeq: before, limit: pageSize });
      update((m) => mergeMessages(m, page.messages));
      setHasMore(page.hasMore);
    } catch (e) {
      setError(asChatError(e));
    }
  }, [client, roomId, pageSize, update]);

  const send = useCallback((content: string, sendOptions?: SendOptions) => client.send(roomId, content, sendOptions), [client, roomId]);

  return { messages, hasMore, loading, error, revoked, loadOlder, send };
}

/** Who is online in the room: unknown until the first snapshot, then kept current. */
export function usePresence(roomId: number, explicit?: ChatClient): PresenceState {
  const client = useChatClient(explicit);
  const [presence, setPresence] = useState<PresenceState>(UNKNOWN_PRESENCE);
  useEffect(() => {
    setPresence(UNKNOWN_PRESENCE);
    return subscribeForEffect(client, roomId, (live) => ({
      onPresence: (_event, state) => live() && setPresence(state),
    }));
  }, [client, roomId]);
  return presence;
}

/**
 * Who else is typing in the room (indicators end on "false", on the typist's next message or
 * after {@code displayMs}), and {@code setTyping} to tell the others about the user.
 */
export function useTyping(
  roomId: number,
  options: { displayMs?: number; client?: ChatClient } = {},
): { users: string[]; setTyping(typing: boolean): void } {
  const client = useChatClient(options.client);
  const [state, setState] = useState(NO_TYPING);
  const displayMs = options.displayMs;
  useEffect(() => {
    setState(NO_TYPING);
    return subscribeForEffect(client, roomId, (live) => ({
      onTyping: (event) => live() && setState((s) => applyTyping(s, event, client.userName ?? "", Date.now(), displayMs)),
      onMessage: (message) => live() && setState((s) => messageArrived(s, message.sender)),
    }));
  }, [client, roomId, displayMs]);
  useEffect(() => {
    const expiry = nextExpiry(state);
    if (expiry === undefined) return;
    const timer = setTimeout(() => setState((s) => expireTyping(s, Date.now())), Math.max(0, expiry - Date.now()));
    return () => clearTimeout(timer);
  }, [state]);
  const setTyping = useCallback((typing: boolean) => void client.typing(roomId, typing), [client, roomId]);
  return { users: typingUsers(state), setTyping };
}

/**
 * Unread counts of the user's rooms: loaded from the room list, then kept current by read-state
 * updates (from any device or node); reloaded on every connect (the first one included: with a
 * token or cookie login the user name is known only then).
 */
export function useUnread(explicit?: ChatClient): {
  unread: UnreadState;
  error: ChatError | null;
  markRead(roomId: number, seq: number): Promise<ReadStateUpdate>;
} {
  const client = useChatClient(explicit);
  const [unread, setUnread] = useState<UnreadState>(NO_UNREAD);
  const [error, setError] = useState<ChatError | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      client.myRooms().then(
        (rooms) => live && (setUnread(unreadFromRooms(rooms)), setError(null)),
        (e: unknown) => live && setError(asChatError(e)),
      );
    // Before the first connect the user name may not be known yet (token or cookie login): the
    // "connected" event loads then. Every connect reloads (read marks may have changed meanwhile).
    if (client.userName !== undefined) void load();
    const offState = client.on("readState", (update) => live && setUnread((s) => applyReadState(s, update)));
    const offConnected = client.on("connected", () => void load());
    return () => {
      live = false;
      offState();
      offConnected();
    };
  }, [client]);
  const markRead = useCallback((roomId: number, seq: number) => client.markRead(roomId, seq), [client]);
  return { unread, error, markRead };
}

/**
 * Subscribes for an effect and returns its cleanup, which ends the subscription whenever it is
 * made (also after an unmount that came first). A refused subscription leaves the hook's state
 * as it is. {@code live()} turns false at cleanup, so late events change nothing.
 */
function subscribeForEffect(client: ChatClient, roomId: number, handlers: (live: () => boolean) => RoomHandlers): () => void {
  let live = true;
  let close: (() => void) | undefined;
  client.subscribe(roomId, handlers(() => live)).then(
    (s) => (live ? (close = () => s.close()) : s.close()),
    () => undefined,
  );
  return () => {
    live = false;
    close?.();
  };
}

function asChatError(e: unknown): ChatError {
  return e instanceof ChatError ? e : new ChatError(String(e));
}
