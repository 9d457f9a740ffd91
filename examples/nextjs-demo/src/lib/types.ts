/** JSON shapes exchanged with the chatstack server. */

export type MessageType = "CHAT" | "JOIN" | "LEAVE";

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
}

export interface Room {
  id: number;
  name: string;
  createdBy: string;
  createdAt: string;
  participants: string[];
}

export type RoomEventKind = "CREATED" | "UPDATED";

export interface RoomEvent {
  kind: RoomEventKind;
  room: Room;
}

/** RFC 9457 problem JSON as answered by the REST API. */
export interface Problem {
  status?: number;
  title?: string;
  detail?: string;
  code?: string;
}
