import { serverLabel, serverUrl } from "./config";
import { ChatError, problemMessage, withRetryHint } from "./errors";
import { Api, HAS_MORE_HEADER, HISTORY_PAGE_SIZE, RETRY_AFTER_HEADER, USER_HEADER } from "./protocol";
import type { ChatMessage, Problem, Room, RoomSummary, RoomVisibility } from "./types";

/** One page of history: ascending by seq; hasMore says whether older messages exist. */
export interface HistoryPage {
  messages: ChatMessage[];
  hasMore: boolean;
}

/**
 * REST client of the chat server acting as {@code username}: every request carries it in
 * {@link USER_HEADER} (dev-mode identity). Every failure becomes a {@link ChatError} with
 * readable text, the server's code and the HTTP status. Stateless; any thread.
 */
export function chatApi(username: string) {
  const as = { [USER_HEADER]: username };
  return {
    /** Public rooms plus the caller's private and direct ones. */
    rooms: () => request<RoomSummary[]>(as, "GET", Api.rooms),
    /** The rooms the caller is a participant of. */
    myRooms: () => request<RoomSummary[]>(as, "GET", Api.roomsOf(username)),
    room: (roomId: number) => request<Room>(as, "GET", Api.room(roomId)),
    createRoom: (roomName: string, visibility: RoomVisibility) =>
      request<Room>(as, "POST", Api.rooms, { roomName, visibility }),
    /** Joins a public room (username = the caller) or invites into a private one. */
    addParticipant: (roomId: number, participant: string) =>
      request<Room>(as, "POST", Api.participants(roomId), { username: participant }),
    /** Leaves a room; the answer is the room afterwards (none when the server sends 204). */
    leave: (roomId: number) =>
      request<Room | undefined>(as, "DELETE", Api.participant(roomId, username)),
    /** The direct room of the caller and {@code other}, created when it does not exist yet. */
    direct: (other: string) => request<Room>(as, "POST", Api.direct, { username: other }),
    recent: (roomId: number, limit = HISTORY_PAGE_SIZE) => history(as, Api.recent(roomId, limit)),
    before: (roomId: number, beforeSeq: number, limit = HISTORY_PAGE_SIZE) =>
      history(as, Api.history(roomId, beforeSeq, limit)),
  };
}

export type ChatApi = ReturnType<typeof chatApi>;

type Identity = Record<string, string>;

async function history(identity: Identity, path: string): Promise<HistoryPage> {
  const response = await send(identity, "GET", path);
  const messages = (await readJson(response)) as ChatMessage[];
  if (!Array.isArray(messages)) {
    throw new ChatError("The server answered history with something other than a list.");
  }
  return { messages, hasMore: response.headers.get(HAS_MORE_HEADER) === "true" };
}

async function request<T>(identity: Identity, method: string, path: string, body?: unknown): Promise<T> {
  const response = await send(identity, method, path, body);
  if (response.status === 204) return undefined as T;
  return (await readJson(response)) as T;
}

async function send(identity: Identity, method: string, path: string, body?: unknown): Promise<Response> {
  let response: Response;
  const headers: Record<string, string> = { ...identity, Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  try {
    response = await fetch(serverUrl(path), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ChatError(`Cannot reach the chat server at ${serverLabel()}. Is it running?`, "network");
  }
  if (!response.ok) throw await toError(response);
  return response;
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
  const text =
    problemMessage(problem) ??
    `The chat server answered ${response.status} ${response.statusText || ""}`.trim();
  return new ChatError(
    withRetryHint(text, response.headers.get(RETRY_AFTER_HEADER)),
    problem?.code,
    response.status,
  );
}
