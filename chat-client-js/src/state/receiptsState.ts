import type { ChatMessage, ReadReceipt } from "../types.js";

/**
 * How far each participant has read the open room, from /topic/chat/{roomId}/reads ({"user",
 * "seq"}; read positions never move back, so the highest seq per user wins). Shown as "Seen by
 * bob" under the user's own last message. Pure and immutable.
 */
export type Receipts = ReadonlyMap<string, number>;

export const NO_RECEIPTS: Receipts = new Map();

/** The read receipt in a MESSAGE body, or undefined when it is not a valid one. */
export function parseReadReceipt(json: unknown): ReadReceipt | undefined {
  if (!json || typeof json !== "object") return undefined;
  const r = json as Record<string, unknown>;
  if (typeof r.user !== "string" || !r.user || !Number.isSafeInteger(r.seq)) return undefined;
  return { user: r.user, seq: r.seq as number };
}

/** The receipts after one more (a lower seq than known changes nothing). */
export function applyReceipt(state: Receipts, receipt: ReadReceipt): Receipts {
  const known = state.get(receipt.user);
  if (known !== undefined && known >= receipt.seq) return state;
  const next = new Map(state);
  next.set(receipt.user, receipt.seq);
  return next;
}

/** Who else has read the message with this seq, sorted by name. */
export function seenBy(state: Receipts, seq: number, me: string): string[] {
  return [...state]
    .filter(([user, read]) => user !== me && read >= seq)
    .map(([user]) => user)
    .sort((a, b) => a.localeCompare(b));
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
