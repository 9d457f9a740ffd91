import { ChatError } from "./errors.js";

/** Where the client connects: derived from the one {@code url} option. */
export interface Endpoints {
  /** ws(s)://host/path: the raw WebSocket endpoint. */
  webSocket: string;
  /** http(s)://host/path: the SockJS endpoint (same path). */
  sockJs: string;
  /** http(s)://host (plus any path before the endpoint's last segment): where /api lives. */
  api: string;
}

/**
 * Derives the endpoints from {@code url}, which names the STOMP endpoint either way:
 * {@code http(s)://host/ws} or {@code ws(s)://host/ws}. The REST base is the URL without its last
 * path segment ({@code https://host/chat/ws} → {@code https://host/chat}), unless {@code apiUrl}
 * is given. Throws a {@link ChatError} (code {@code invalid-url}) saying what to fix.
 */
export function endpointsOf(url: string, apiUrl?: string): Endpoints {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ChatError(
      `url must be an absolute http(s):// or ws(s):// URL of the STOMP endpoint, e.g. https://chat.example.com/ws; was "${url}"`,
      "invalid-url",
    );
  }
  const secure = parsed.protocol === "https:" || parsed.protocol === "wss:";
  if (!["http:", "https:", "ws:", "wss:"].includes(parsed.protocol)) {
    throw new ChatError(`url must use http, https, ws or wss; was "${parsed.protocol}"`, "invalid-url");
  }
  const path = parsed.pathname.replace(/\/+$/, "") || "/ws";
  const hostPart = `${parsed.host}${path}${parsed.search}`;
  const apiPath = path.slice(0, path.lastIndexOf("/"));
  return {
    webSocket: `${secure ? "wss" : "ws"}://${hostPart}`,
    sockJs: `${secure ? "https" : "http"}://${hostPart}`,
    api: (apiUrl ?? `${secure ? "https" : "http"}://${parsed.host}${apiPath}`).replace(/\/+$/, ""),
  };
}
