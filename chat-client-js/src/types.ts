/** JSON shapes exchanged with the chatstack server. */

/** CHAT, JOIN and LEAVE are messages; EDIT, DELETE and REACTION are change records (see docs/messages.md). */
export type MessageType = "CHAT" | "JOIN" | "LEAVE" | "EDIT" | "DELETE" | "REACTION";

/** The reactions with one emoji on a message: the exact count and up to 20 of the users. */
export interface Reaction {
  count: number;
  users: string[];
}

export interface ChatMessage {
  id: string;
  roomId: number;
  /** Position in the room's order: strictly increasing per room, not contiguous. */
  seq: number;
  sender: string;
  content: string;
  type: MessageType;
  /** ISO-8601 UTC. */
  timestamp: string;
  clientMsgId?: string | null;
  /** Change records: the id of the message they change. */
  targetId?: string;
  /** The id of the message (same room) this one replies to. */
  replyTo?: string;
  /** A JSON object sent with the message; for a REACTION record {"add": boolean}. */
  metadata?: Record<string, unknown>;
  /** When the current content was set by an edit. */
  editedAt?: string;
  /** A deleted message (tombstone): content "", id and seq kept. */
  deleted?: boolean;
  /** Reactions per emoji, in history and as applied live. */
  reactions?: Record<string, Reaction>;
  /** The seq of the last change record reflected in this state (absent: 0). */
  lastChangeSeq?: number;
}

/** Who may see a room: PUBLIC (everyone), PRIVATE (participants only), DIRECT (exactly two users). */
export type RoomVisibility = "PUBLIC" | "PRIVATE" | "DIRECT";

/** A room as listed (GET /api/rooms, room events): no member list, only its size. */
export interface RoomSummary {
  id: number;
  name: string;
  createdBy: string;
  createdAt: string;
  visibility: RoomVisibility;
  participantCount: number;
  /**
   * Rooms the user is a participant of, as listed by GET /api/rooms/user/{me}: the highest seq the
   * user has read (-1: nothing) and how many chat messages from others came after it.
   */
  lastReadSeq?: number;
  unreadCount?: number;
}

/** A single room (GET /api/rooms/{id} and every room-changing answer), with its participants. */
export interface Room extends RoomSummary {
  /** The first participants (the server caps the list); participantCount is the real size. */
  participants: string[];
}

/** CREATED: a room I may see exists; JOINED / LEFT: {@link RoomEvent.user} joined or left it. */
export type RoomEventKind = "CREATED" | "JOINED" | "LEFT";

/** A change on /topic/rooms; the server sends it only to users allowed to see the room. */
export interface RoomEvent {
  kind: RoomEventKind;
  room: RoomSummary;
  /** Who joined (or was added) or left (or was removed); the creator, or null, for CREATED. */
  user: string | null;
}

/** On /topic/chat/{roomId}/presence: the first message is a snapshot, then changes. */
export type PresenceEvent =
  | { type: "snapshot"; online: string[]; count: number }
  | { type: "online" | "offline"; user: string; count: number };

/** On /topic/chat/{roomId}/typing. */
export interface TypingEvent {
  user: string;
  typing: boolean;
}

/** On /user/queue/read-state: the user's read state of one room after a change. */
export interface ReadStateUpdate {
  roomId: number;
  lastReadSeq: number;
  unreadCount: number;
}

/** On /topic/chat/{roomId}/reads: {@code user} has read the room up to {@code seq}. */
export interface ReadReceipt {
  user: string;
  seq: number;
}

/** RFC 9457 problem JSON as answered by the REST API. */
export interface Problem {
  status?: number;
  title?: string;
  detail?: string;
  code?: string;
}
