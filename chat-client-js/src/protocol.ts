/**
 * Every protocol string the client uses (REST paths, STOMP destinations and headers) lives here.
 * The AsyncAPI document (docs/asyncapi.yaml) and the OpenAPI document (/v3/api-docs) describe them.
 */

/** SockJS endpoint, relative to the server base URL. */
export const SOCKJS_PATH = "/ws";

/** STOMP CONNECT header carrying the user name (dev-mode authentication). */
export const LOGIN_HEADER = "login";

/** REST request header carrying the user name (dev-mode identity of every API call). */
export const USER_HEADER = "X-Chat-User";

/** STOMP CONNECT and REST header carrying a bearer token (JWT mode). */
export const AUTHORIZATION_HEADER = "Authorization";

/** STOMP destinations. */
export const Destinations = {
  /** Messages of one room: replay (with {@link Headers.SINCE_SEQ}) then live. */
  roomTopic: (roomId: number) => `/topic/chat/${roomId}`,
  /** Send a chat message into a room. */
  send: (roomId: number) => `/app/chat/send/${roomId}`,
  /** Edit one of your messages: {"messageId","content"}. */
  edit: (roomId: number) => `/app/chat/edit/${roomId}`,
  /** Delete a message (yours; as owner or moderator also others'): {"messageId"}. */
  delete: (roomId: number) => `/app/chat/delete/${roomId}`,
  /** Add or remove your reaction: {"messageId","emoji","add"}. */
  react: (roomId: number) => `/app/chat/react/${roomId}`,
  /** Room list changes ({@link RoomEventKind}). */
  rooms: "/topic/rooms",
  /** Errors addressed to this user only. */
  userErrors: "/user/queue/errors",
  /** Who is online in a room: a snapshot first, then online / offline changes (participants only). */
  presence: (roomId: number) => `/topic/chat/${roomId}/presence`,
  /** Typing signals of a room, {"user","typing"} (participants only). */
  typing: (roomId: number) => `/topic/chat/${roomId}/typing`,
  /** Send {"typing": true|false} into a room. */
  sendTyping: (roomId: number) => `/app/chat/typing/${roomId}`,
  /** Read receipts of a room, {"user","seq"} (participants only; at most one per second and user). */
  reads: (roomId: number) => `/topic/chat/${roomId}/reads`,
  /** Send {"seq": N}: everything up to seq N of the room is read. */
  markRead: (roomId: number) => `/app/chat/read/${roomId}`,
  /** This user's read state changes, {"roomId","lastReadSeq","unreadCount"} (any device, any node). */
  readState: "/user/queue/read-state",
} as const;

/** STOMP header names. */
export const Headers = {
  SINCE_SEQ: "since-seq",
  RECEIPT: "receipt",
  RECEIPT_ID: "receipt-id",
  MESSAGE_ID: "message-id",
  SEQ: "seq",
  TIMESTAMP: "timestamp",
  MESSAGE: "message",
  CODE: "code",
  CONTENT_TYPE: "content-type",
  USER_NAME: "user-name",
  LAST_READ_SEQ: "last-read-seq",
  UNREAD_COUNT: "unread-count",
  SUBSCRIPTION: "subscription",
} as const;

export const JSON_CONTENT_TYPE = "application/json";

/** STOMP heart-beat intervals (ms) the client offers; a dead server is noticed within ~2.5x. */
export const HEARTBEAT_OUTGOING_MS = 10_000;
export const HEARTBEAT_INCOMING_MS = 10_000;

/** REST paths. */
export const Api = {
  rooms: "/api/rooms",
  direct: "/api/rooms/direct",
  room: (roomId: number) => `/api/rooms/${roomId}`,
  roomsOf: (username: string) => `/api/rooms/user/${encodeURIComponent(username)}`,
  participants: (roomId: number) => `/api/rooms/${roomId}/participants`,
  participant: (roomId: number, username: string) =>
    `/api/rooms/${roomId}/participants/${encodeURIComponent(username)}`,
  history: (roomId: number, beforeSeq: number | undefined, limit: number) => {
    const query = new URLSearchParams({ limit: String(limit) });
    if (beforeSeq !== undefined) query.set("beforeSeq", String(beforeSeq));
    return `/api/messages/${roomId}?${query}`;
  },
  participantPage: (roomId: number, after: string | undefined, limit: number) => {
    const query = new URLSearchParams({ limit: String(limit) });
    if (after !== undefined) query.set("after", after);
    return `/api/rooms/${roomId}/participants?${query}`;
  },
  role: (roomId: number, username: string) => `/api/rooms/${roomId}/roles/${encodeURIComponent(username)}`,
  moderation: (roomId: number) => `/api/rooms/${roomId}/moderation`,
  restrictions: (roomId: number) => `/api/rooms/${roomId}/restrictions`,
  recent: (roomId: number, limit: number) => `/api/messages/${roomId}/recent?limit=${limit}`,
} as const;

/** Error code on /user/queue/errors: the server ended a room subscription (left or removed). */
export const SUBSCRIPTION_REVOKED = "subscription-revoked";

/** Response header of a 429 answer: seconds to wait before trying again. */
export const RETRY_AFTER_HEADER = "Retry-After";

/** Response header: "true" when messages older than the returned page exist. */
export const HAS_MORE_HEADER = "X-Chat-Has-More";

/**
 * Typing: while the user types, {"typing": true} is sent again at most this often (the server
 * forwards one per 3 s and ends it itself 6 s after the last one).
 */
export const TYPING_REFRESH_MS = 2_500;

/** Someone's "is typing…" disappears after this long without a refresh (in case their "false" is lost). */
export const TYPING_DISPLAY_MS = 8_000;

/** A read mark is sent this long after the newest message came into view (coalesces bursts). */
export const MARK_READ_DEBOUNCE_MS = 400;

/** Page size for history requests. */
export const HISTORY_PAGE_SIZE = 50;

/** Limits mirrored from chat-core's ChatLimits defaults (the server has the last word). */
export const Limits = {
  maxUsernameLength: 64,
  maxRoomNameLength: 100,
  maxContentLength: 4000,
} as const;
