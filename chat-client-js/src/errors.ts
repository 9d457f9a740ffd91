import { SUBSCRIPTION_REVOKED } from "./protocol.js";
import type { Problem } from "./types.js";

/** An error with a message meant for the user, plus the server's stable code when known. */
export class ChatError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ChatError";
  }
}

/** The readable sentence of a problem JSON body, or undefined when it has none. */
export function problemMessage(problem: Problem | null | undefined): string | undefined {
  if (!problem || typeof problem !== "object") return undefined;
  const detail = typeof problem.detail === "string" ? problem.detail.trim() : "";
  if (detail) return detail;
  const title = typeof problem.title === "string" ? problem.title.trim() : "";
  return title || undefined;
}

/** The text with "Try again in N s." added when a Retry-After header gives whole seconds. */
export function withRetryHint(text: string, retryAfter: string | null | undefined): string {
  const seconds = retryAfter && /^\s*\d+\s*$/.test(retryAfter) ? Number(retryAfter) : undefined;
  if (seconds === undefined) return text;
  const sentence = /[.!?]$/.test(text) ? text : `${text}.`;
  return `${sentence} Try again in ${Math.max(seconds, 1)} s.`;
}

/** A subscription the server ended (code "subscription-revoked" on /user/queue/errors). */
export interface Revocation {
  roomId: number;
  /** STOMP subscription id the server ended, when it says. */
  subscription?: string;
}

/** The revocation in an error body, or undefined when the body is something else. */
export function revocationOf(body: string): Revocation | undefined {
  const json = tryParse(body);
  if (!json || json.code !== SUBSCRIPTION_REVOKED) return undefined;
  const roomId = typeof json.roomId === "number" ? json.roomId : Number(json.roomId);
  if (!Number.isSafeInteger(roomId)) return undefined;
  return typeof json.subscription === "string" && json.subscription
    ? { roomId, subscription: json.subscription }
    : { roomId };
}

/**
 * Readable text of an error notice from the server: a STOMP ERROR frame (header "message" and a
 * body) or a message on /user/queue/errors (JSON such as {code, detail} or {message}, or text).
 */
export function describeServerError(headerMessage: string | undefined, body: string): string {
  const fromBody = readBody(body);
  const header = headerMessage?.trim();
  if (header && fromBody && !fromBody.includes(header)) return `${header}: ${fromBody}`;
  return fromBody || header || "The server reported an error without details.";
}

/** The "code" field of a JSON error body, if any. */
export function errorCode(body: string): string | undefined {
  const json = tryParse(body);
  return json && typeof json.code === "string" ? json.code : undefined;
}

/** The "clientMsgId" field of a JSON error body, if any (lets a failed send be marked). */
export function errorClientMsgId(body: string): string | undefined {
  const json = tryParse(body);
  return json && typeof json.clientMsgId === "string" ? json.clientMsgId : undefined;
}

function readBody(body: string): string {
  const text = body?.trim() ?? "";
  if (!text) return "";
  const json = tryParse(text);
  if (json) {
    const fromProblem = problemMessage(json as Problem);
    if (fromProblem) return fromProblem;
    for (const key of ["message", "error", "reason"]) {
      if (typeof json[key] === "string" && json[key].trim()) return json[key].trim();
    }
    return text;
  }
  return text;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function tryParse(text: string): Record<string, any> | undefined {
  if (!text || !/^\s*\{/.test(text)) return undefined;
  try {
    const value = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
