import { serverLabel, serverUrl } from "./config";
import { ChatError, problemMessage } from "./errors";
import { Api, HAS_MORE_HEADER, HISTORY_PAGE_SIZE } from "./protocol";
import type { ChatMessage, Problem, Room } from "./types";

/** One page of history: ascending by seq; hasMore says whether older messages exist. */
export interface HistoryPage {
  messages: ChatMessage[];
  hasMore: boolean;
}

/** REST client of the chat server. Every failure becomes a {@link ChatError} with readable text. */
export const api = {
  rooms: () => request<Room[]>("GET", Api.rooms),
  room: (roomId: number) => request<Room>("GET", Api.room(roomId)),
  createRoom: (roomName: string, creator: string) =>
    request<Room>("POST", Api.rooms, { roomName, creator }),
  join: (roomId: number, username: string) =>
    request<Room>("POST", Api.participants(roomId), { username }),
  leave: (roomId: number, username: string) =>
    request<Room>("DELETE", Api.participant(roomId, username)),
  recent: (roomId: number, limit = HISTORY_PAGE_SIZE) =>
    history(Api.recent(roomId, limit)),
  before: (roomId: number, beforeSeq: number, limit = HISTORY_PAGE_SIZE) =>
    history(Api.history(roomId, beforeSeq, limit)),
};

async function history(path: string): Promise<HistoryPage> {
  const response = await send("GET", path);
  const messages = (await readJson(response)) as ChatMessage[];
  if (!Array.isArray(messages)) {
    throw new ChatError("The server answered history with something other than a list.");
  }
  return { messages, hasMore: response.headers.get(HAS_MORE_HEADER) === "true" };
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await send(method, path, body);
  return (await readJson(response)) as T;
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(serverUrl(path), {
      method,
      headers: body === undefined ? { Accept: "application/json" } : {
        Accept: "application/json",
        "Content-Type": "application/json",
      },
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
  return new ChatError(text, problem?.code, response.status);
}
