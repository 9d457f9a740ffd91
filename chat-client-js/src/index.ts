/**
 * @chatstack/client: the TypeScript client of chatstack for browsers and Node.
 *
 * {@link createClient} gives a {@link ChatClient}: one STOMP connection (WebSocket or SockJS) that
 * reconnects by itself, resumes every room subscription by seq (no gap, no duplicate) and re-sends
 * unacknowledged messages once, plus the REST API. The pure state helpers (applyChange,
 * mergeMessages, applyPresence, …) fold what the client delivers into view state; React hooks are
 * in "@chatstack/client/react".
 */
export {
  ChatClient,
  createClient,
  type ClientEvents,
  type ClientOptions,
  type Receipt,
  type RoomHandlers,
  type RoomSubscription,
  type SendOptions,
  type SubscribeOptions,
  type TokenSource,
  type Transport,
  type WebSocketConstructor,
} from "./client.js";
export { ChatRest, type CreateRoomOptions, type HistoryPage, type HistoryQuery, type ParticipantQuery } from "./rest.js";
export { ChatError, type Revocation } from "./errors.js";
export { type BackoffOptions, type ConnectionState, type ConnectionStatus, DEFAULT_BACKOFF, INITIAL_STATE } from "./reconnect.js";
export type { PendingSend } from "./pendingSends.js";
export type {
  AssignableRole,
  ChatMessage,
  Member,
  ModerationAction,
  ModerationRequest,
  ParticipantPage,
  Restriction,
  RoomRole,
  SystemMetadata,
  MessageType,
  PresenceEvent,
  Problem,
  Reaction,
  ReadReceipt,
  ReadStateUpdate,
  Room,
  RoomEvent,
  RoomEventKind,
  RoomSummary,
  RoomVisibility,
  TypingEvent,
} from "./types.js";
export { Destinations, Headers, Limits, SUBSCRIPTION_REVOKED } from "./protocol.js";
export { applyChange, excerpt, isChange, MAX_REACTION_USERS } from "./state/messageChanges.js";
export { mergeMessages, newestSeq, oldestSeq } from "./state/messageMerge.js";
export { applyPresence, isOnline, type PresenceState, UNKNOWN_PRESENCE } from "./state/presenceState.js";
export {
  applyTyping,
  expireTyping,
  messageArrived,
  nextExpiry,
  NO_TYPING,
  type TypingState,
  typingUsers,
} from "./state/typingState.js";
export {
  applyReadState,
  forgetUnread,
  NO_UNREAD,
  type UnreadEntry,
  type UnreadState,
  unreadCountOf,
  unreadFromRooms,
} from "./state/unreadState.js";
export { applyReceipt, NO_RECEIPTS, type Receipts, seenBy } from "./state/receiptsState.js";
