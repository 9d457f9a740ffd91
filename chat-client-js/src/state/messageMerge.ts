import type { ChatMessage } from "../types.js";

/**
 * Merges {@code incoming} messages of one room into {@code existing} (sorted ascending by seq,
 * no duplicate seq). Works for every source: history pages (older), live messages (newer),
 * replays after a reconnect (overlapping). A message whose seq or id is already present is
 * ignored, so the same message delivered twice shows once.
 *
 * Pure: never mutates its arguments. Returns {@code existing} itself when nothing was added,
 * so React can skip re-rendering.
 */
export function mergeMessages(
  existing: readonly ChatMessage[],
  incoming: readonly ChatMessage[],
): readonly ChatMessage[] {
  if (incoming.length === 0) return existing;
  const seqs = new Set<number>();
  const ids = new Set<string>();
  for (const m of existing) {
    seqs.add(m.seq);
    ids.add(m.id);
  }
  const fresh: ChatMessage[] = [];
  for (const m of incoming) {
    if (!isValid(m) || seqs.has(m.seq) || ids.has(m.id)) continue;
    seqs.add(m.seq);
    ids.add(m.id);
    fresh.push(m);
  }
  if (fresh.length === 0) return existing;
  fresh.sort(bySeq);
  const last = existing[existing.length - 1];
  if (last === undefined || fresh[0].seq > last.seq) {
    return [...existing, ...fresh]; // common case: live messages append
  }
  const first = existing[0];
  if (fresh[fresh.length - 1].seq < first.seq) {
    return [...fresh, ...existing]; // common case: an older history page
  }
  return [...existing, ...fresh].sort(bySeq);
}

/** Lowest seq present, or undefined for an empty list (the cursor for the next older page). */
export function oldestSeq(messages: readonly ChatMessage[]): number | undefined {
  return messages.length === 0 ? undefined : messages[0].seq;
}

/** Highest seq present, or undefined for an empty list. */
export function newestSeq(messages: readonly ChatMessage[]): number | undefined {
  return messages.length === 0 ? undefined : messages[messages.length - 1].seq;
}

function bySeq(a: ChatMessage, b: ChatMessage): number {
  return a.seq - b.seq;
}

function isValid(m: ChatMessage): boolean {
  return m != null && Number.isFinite(m.seq) && m.seq >= 0 && typeof m.id === "string";
}
