/** JSON shapes exchanged with the chatstack server. */

/**
 * CHAT, JOIN, LEAVE and SYSTEM are messages; EDIT, DELETE and REACTION are change records (see
 * docs/messages.md). SYSTEM messages report moderation (kick, ban, mute, roles, rename, delete):
 * their content is readable text, their metadata says what happened ({@link SystemMetadata}).
 */
export type MessageType = "CHAT" | "JOIN" | "LEAVE" | "SYSTEM" | "EDIT" | "DELETE" | "REACTION";

/** The metadata of a SYSTEM message. */
export interface SystemMetadata {
  action: "kick" | "ban" | "unban" | "mute" | "unmute" | "role" | "rename" | "delete";
  actor: string;
  /** Who was acted on (not for rename and delete). */
  target?: string;
  /** ISO-8601 end of a ban or mute, when given. */
  until?: string;
  reason?: string;
  /** The new role (role action). */
  role?: "MODERATOR" | "MEMBER";
  /** Rename: the new and the previous name. */
  name?: string;
  previousName?: string;
}

/** A participant's role: OWNER (the creator while a participant), MODERATOR or MEMBER. */
export type RoomRole = "OWNER" | "MODERATOR" | "MEMBER";

/** A role the owner may give: {@link ChatRest.setRole}. */
export type AssignableRole = Exclude<RoomRole, "OWNER">;

/** What an owner or moderator may do to a participant ({@link ChatRest.moderate}). */
export type ModerationAction = "kick" | "ban" | "unban" | "mute" | "unmute";

/** The body of {@link ChatRest.moderate}. */
export interface ModerationRequest {
  action: ModerationAction;
  username: string;
  /** Ban and mute: ISO-8601 instant in the future, or a Date; absent: until lifted. */
  until?: string | Date;
  /** Up to 500 characters, shown in the SYSTEM message. */
  reason?: string;
}

/** An active ban or mute (GET /api/rooms/{id}/restrictions, owner and moderators only). */
export interface Restriction {
  kind: "BAN" | "MUTE";
  username: string;
  /** ISO-8601; absent: until lifted. */
  until?: string;
  actor: string;
  reason?: string;
}

/** One participant with their role. */
export interface Member {
  username: string;
  role: RoomRole;
}

/** One page of a room's participants (GET /api/rooms/{id}/participants), ascending by name. */
export interface ParticipantPage {
  roomId: number;
  participants: string[];
  /** The same users as {@link participants}, in the same order, with their roles. */
  members: Member[];
  participantCount: number;
  hasMore: boolean;
}

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
  /** The caller's role in the room, when the caller is a participant. */
  role?: RoomRole;
}

/** A single room (GET /api/rooms/{id} and every room-changing answer), with its participants. */
export interface Room extends RoomSummary {
  /** The first participants (the server caps the list); participantCount is the real size. */
  participants: string[];
}

/**
 * CREATED: a room I may see exists; JOINED / LEFT: {@link RoomEvent.user} joined or left it (a
 * kicked or banned user LEFT); CHANGED: renamed, or a role, ban or mute changed ({@code user}: the
 * target, the actor for a rename); DELETED: the room is gone ({@code user}: who deleted it).
 */
export type RoomEventKind = "CREATED" | "JOINED" | "LEFT" | "CHANGED" | "DELETED";

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
