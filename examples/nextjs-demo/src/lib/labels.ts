import type { ChatMessage, ConnectionState, PresenceState } from "@chatstack/client";

/**
 * Texts and small decisions of the UI over the client's state (the state itself and how it
 * changes come from @chatstack/client). Pure functions.
 */

/** Whether the UI offers sending: only while connected (the client would queue otherwise). */
export function canSend(state: ConnectionState): boolean {
  return state.status === "online";
}

/** "3 online", or "" while unknown. */
export function onlineLabel(state: PresenceState): string {
  return state.known ? `${state.count} online` : "";
}

/** "alice is typing…", "alice and bob are typing…", "several people are typing…", or "". */
export function typingText(users: readonly string[]): string {
  if (users.length === 0) return "";
  if (users.length === 1) return `${users[0]} is typing…`;
  if (users.length === 2) return `${users[0]} and ${users[1]} are typing…`;
  return "several people are typing…";
}

/** The seq of the user's own last chat message, if it is among the shown messages. */
export function lastOwnSeq(messages: readonly ChatMessage[], me: string): number | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m.type === "CHAT" && m.sender === me) return m.seq;
  }
  return undefined;
}

/** "Seen by bob", "Seen by bob and carol", "Seen by bob, carol and dave", "Seen by bob, carol and 3 others". */
export function seenText(users: readonly string[]): string {
  if (users.length === 0) return "";
  if (users.length === 1) return `Seen by ${users[0]}`;
  if (users.length === 2) return `Seen by ${users[0]} and ${users[1]}`;
  if (users.length === 3) return `Seen by ${users[0]}, ${users[1]} and ${users[2]}`;
  return `Seen by ${users[0]}, ${users[1]} and ${users.length - 2} others`;
}

/** The badge text: the count, capped at "99+". */
export function badgeLabel(count: number): string {
  return count > 99 ? "99+" : String(count);
}
