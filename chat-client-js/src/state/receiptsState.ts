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
