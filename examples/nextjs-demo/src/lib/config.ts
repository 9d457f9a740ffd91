/**
 * Base URL of the chat server. Empty (same origin) when the static export is served by the
 * demo server; set NEXT_PUBLIC_CHAT_SERVER (e.g. http://localhost:8080) for `npm run dev`.
 */
export function serverBase(): string {
  const configured = process.env.NEXT_PUBLIC_CHAT_SERVER ?? "";
  return configured.replace(/\/+$/, "");
}

/**
 * The STOMP endpoint the client connects to (SockJS; REST lives next to it under /api). Browser
 * only: without NEXT_PUBLIC_CHAT_SERVER it is this page's origin.
 */
export function chatUrl(): string {
  return `${serverBase() || window.location.origin}/ws`;
}
