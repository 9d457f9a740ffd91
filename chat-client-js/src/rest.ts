import { ChatError, problemMessage, withRetryHint } from "./errors.js";
import { Api, HAS_MORE_HEADER, HISTORY_PAGE_SIZE, RETRY_AFTER_HEADER } from "./protocol.js";
import type {
  AssignableRole,
  ChatMessage,
  ModerationRequest,
  ParticipantPage,
  Problem,
  Restriction,
  Room,
  RoomSummary,
  RoomVisibility,
} from "./types.js";

/** One page of history: ascending by seq; {@code hasMore} says whether older messages exist. */
export interface HistoryPage {
  messages: ChatMessage[];
  hasMore: boolean;
}

/** Which page of history: the newest one, or the one just before {@code beforeSeq}. */
export interface HistoryQuery {
  /** Exclusive cursor: messages with a lower seq. Absent: the newest page. */
  beforeSeq?: number;
  /** 1 to 1000 (the server's bound); default 50. */
  limit?: number;
}

/** Options of {@link ChatRest.createRoom}. */
export interface CreateRoomOptions {
  /** Default PUBLIC. DIRECT rooms are made with {@link ChatRest.direct}. */
  visibility?: Exclude<RoomVisibility, "DIRECT">;
}

/** Which page of participants: the first, or the one after the user name {@code after}. */
export interface ParticipantQuery {
  /** Exclusive cursor: user names after this one (ascending). Absent: the first page. */
  after?: string;
  /** Default 100 (the server's default). */
  limit?: number;
}

/** Supplies the identity headers of a request (dev-mode user header or bearer token). */
export type IdentityHeaders = () => Promise<Record<string, string>>;

/**
 * The REST half of the client: rooms, membership and history over HTTP, against the server's
 * {@code /api}. Every failure is a {@link ChatError} with readable text, the server's problem
 * {@code code} (e.g. {@code not-participant}, {@code room-not-found}, {@code rate-limited}) and the
 * HTTP status; a server that cannot be reached is code {@code network}. Stateless apart from its
 * configuration; safe to call concurrently.
 */
export class ChatRest {
  /**
   * @param baseUrl server origin (and context path), e.g. {@code https://chat.example.com}
   * @param identity headers naming the caller on every request
   * @param me the caller's user name, when known (for {@link myRooms} and {@link leave})
   */
  constructor(
    private readonly baseUrl: string,
    private readonly identity: IdentityHeaders,
    private readonly me: () => string | undefined,
    private readonly fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args),
  ) {}

  /** Public rooms plus the caller's private and direct ones. */
  rooms(): Promise<RoomSummary[]> {
    return this.request<RoomSummary[]>("GET", Api.rooms);
  }

  /**
   * The rooms the caller is a participant of, with {@code lastReadSeq} and {@code unreadCount}.
   * Rejects with {@code not-connected} while the user name is not known yet (token or cookie
   * login before the first connect).
   */
  async myRooms(): Promise<RoomSummary[]> {
    return this.request<RoomSummary[]>("GET", Api.roomsOf(this.username()));
  }

  /** One room with its first participants. */
  room(roomId: number): Promise<Room> {
    return this.request<Room>("GET", Api.room(roomId));
  }

  /** Creates a room; the caller is its first participant. */
  createRoom(roomName: string, options: CreateRoomOptions = {}): Promise<Room> {
    return this.request<Room>("POST", Api.rooms, { roomName, visibility: options.visibility ?? "PUBLIC" });
  }

  /**
   * Joins a public room. Names the caller when the name is known; before connect() the body is
   * empty and the server takes the authenticated user (or, in dev mode, the X-Chat-User header).
   */
  join(roomId: number): Promise<Room> {
    const me = this.me();
    return this.request<Room>("POST", Api.participants(roomId), me ? { username: me } : {});
  }

  /**
   * Adds another user to a private room the caller is in. Public rooms are joined, not invited
   * to (the server answers 403 forbidden); direct rooms keep their two participants.
   */
  invite(roomId: number, username: string): Promise<Room> {
    return this.request<Room>("POST", Api.participants(roomId), { username });
  }

  /** Leaves a room. Live subscriptions of the room end with {@code onRevoked}. */
  async leave(roomId: number): Promise<void> {
    await this.request<unknown>("DELETE", Api.participant(roomId, this.username()));
  }

  /** The direct room of the caller and {@code other}, created when it does not exist yet. */
  direct(other: string): Promise<Room> {
    return this.request<Room>("POST", Api.direct, { username: other });
  }

  /** One page of the room's participants, ascending by name, each with their role in {@code members}. */
  participants(roomId: number, query: ParticipantQuery = {}): Promise<ParticipantPage> {
    return this.request<ParticipantPage>("GET", Api.participantPage(roomId, query.after, query.limit ?? 100));
  }

  /**
   * Kicks, bans, unbans, mutes or unmutes a participant (owner and moderators; moderators act on
   * members only; nobody on the owner or themselves). Refusals: {@code forbidden}, {@code
   * not-participant} (403), {@code invalid-action}, {@code invalid-until}, {@code invalid-reason} (400).
   */
  moderate(roomId: number, request: ModerationRequest): Promise<Room> {
    const body: Record<string, string> = { action: request.action, username: request.username };
    if (request.until !== undefined) {
      body.until = request.until instanceof Date ? request.until.toISOString() : request.until;
    }
    if (request.reason !== undefined) body.reason = request.reason;
    return this.request<Room>("POST", Api.moderation(roomId), body);
  }

  /** Makes a participant a MODERATOR or a MEMBER again (the owner only; code invalid-role for OWNER). */
  setRole(roomId: number, username: string, role: AssignableRole): Promise<Room> {
    return this.request<Room>("PUT", Api.role(roomId, username), { role });
  }

  /** Renames the room (owner and moderators). */
  renameRoom(roomId: number, name: string): Promise<Room> {
    return this.request<Room>("PATCH", Api.room(roomId), { roomName: name });
  }

  /** Deletes the room (the owner only); every participant's subscriptions end. */
  async deleteRoom(roomId: number): Promise<void> {
    await this.request<unknown>("DELETE", Api.room(roomId));
  }

  /** The room's active bans and mutes (owner and moderators). */
  restrictions(roomId: number): Promise<Restriction[]> {
    return this.request<Restriction[]>("GET", Api.restrictions(roomId));
  }

  /**
   * Removes another participant: a kick (owner and moderators). {@link leave} is the caller's own.
   */
  async removeParticipant(roomId: number, username: string): Promise<void> {
    await this.request<unknown>("DELETE", Api.participant(roomId, username));
  }

  /** A page of history (participants only), ascending by seq; change records are folded in. */
  async history(roomId: number, query: HistoryQuery = {}): Promise<HistoryPage> {
    const limit = query.limit ?? HISTORY_PAGE_SIZE;
    const path = query.beforeSeq === undefined ? Api.recent(roomId, limit) : Api.history(roomId, query.beforeSeq, limit);
    const response = await this.send("GET", path);
    const messages = await readJson(response);
    if (!Array.isArray(messages)) {
      throw new ChatError("The server answered history with something other than a list.", "invalid-response");
    }
    return { messages: messages as ChatMessage[], hasMore: response.headers.get(HAS_MORE_HEADER) === "true" };
  }

  private username(): string {
    const me = this.me();
    if (!me) {
      throw new ChatError(
        "The user name is not known yet: connect() first (with a token the server tells it on CONNECTED)",
        "not-connected",
      );
    }
    return me;
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    if (response.status === 204) return undefined as T;
    return (await readJson(response)) as T;
  }

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { ...(await this.identity()), Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ChatError(`Cannot reach the chat server at ${this.baseUrl}: ${String(e)}`, "network");
    }
    if (!response.ok) throw await toError(response);
    return response;
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    throw new ChatError(
      `The chat server sent an unreadable answer (HTTP ${response.status}).`,
      "invalid-response",
      response.status,
    );
  }
}

async function toError(response: Response): Promise<ChatError> {
  let problem: Problem | undefined;
  try {
    problem = (await response.json()) as Problem;
  } catch {
    problem = undefined;
  }
  const text = problemMessage(problem) ?? `The chat server answered ${response.status} ${response.statusText || ""}`.trim();
  return new ChatError(withRetryHint(text, response.headers.get(RETRY_AFTER_HEADER)), problem?.code, response.status);
}
