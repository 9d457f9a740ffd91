import { SOCKJS_PATH } from "./protocol";

/**
 * Base URL of the chat server. Empty (same origin) when the static export is served by the
 * demo server; set NEXT_PUBLIC_CHAT_SERVER (e.g. http://localhost:8080) for `npm run dev`.
 */
export function serverBase(): string {
  const configured = process.env.NEXT_PUBLIC_CHAT_SERVER ?? "";
  return configured.replace(/\/+$/, "");
}

/** Absolute or same-origin URL of a server path. */
export function serverUrl(path: string): string {
  return serverBase() + path;
}

/** URL of the SockJS endpoint (SockJS needs an absolute URL or a path on this origin). */
export function sockJsUrl(): string {
  return serverUrl(SOCKJS_PATH);
}

/** Human-readable name of the server for error messages. */
export function serverLabel(): string {
  if (serverBase()) return serverBase();
  return typeof window === "undefined" ? "this origin" : window.location.origin;
}
