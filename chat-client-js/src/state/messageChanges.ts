import type { ChatMessage, Reaction } from "../types.js";

/** Whether a record is a change record (EDIT, DELETE, REACTION) rather than a message. */
export function isChange(m: ChatMessage): boolean {
  return m.type === "EDIT" || m.type === "DELETE" || m.type === "REACTION";
}

/** Most user names a reaction lists (the server's cap; the count stays exact). */
export const MAX_REACTION_USERS = 20;

/**
 * Applies one change record to the loaded messages of its room, with the server's rule (see
 * docs/messages.md): skipped when its target is not loaded, is deleted, or already reflects a
 * change with this seq or a later one (replays after a reconnect change nothing twice).
 * EDIT sets content and editedAt; DELETE makes a tombstone; REACTION adds or removes its sender
 * for its emoji. Pure: returns {@code messages} itself when nothing changed.
 *
 * Reactions when the users list is capped (count > users.length): an unlisted user adding counts
 * one more; an unlisted user removing counts one less (the server only sends a removal that it
 * applied, and each seq is applied once).
 */
export function applyChange(messages: readonly ChatMessage[], change: ChatMessage): readonly ChatMessage[] {
  if (!isChange(change) || !change.targetId) return messages;
  const index = messages.findIndex((m) => m.id === change.targetId);
  if (index < 0) return messages;
  const target = messages[index];
  if (target.deleted || change.seq <= (target.lastChangeSeq ?? 0)) return messages;
  let next: ChatMessage;
  if (change.type === "EDIT") {
    next = { ...target, content: change.content, editedAt: change.timestamp, lastChangeSeq: change.seq };
  } else if (change.type === "DELETE") {
    next = {
      ...target,
      content: "",
      metadata: undefined,
      reactions: undefined,
      deleted: true,
      lastChangeSeq: change.seq,
    };
  } else {
    const reactions = react(target.reactions ?? {}, change.content, change.sender, change.metadata?.add === true);
    next = { ...target, reactions, lastChangeSeq: change.seq };
  }
  const copy = messages.slice();
  copy[index] = next;
  return copy;
}

function react(
  reactions: Record<string, Reaction>,
  emoji: string,
  user: string,
  add: boolean,
): Record<string, Reaction> {
  const entry = reactions[emoji] ?? { count: 0, users: [] };
  const listed = entry.users.includes(user);
  const complete = entry.count <= entry.users.length;
  let updated: Reaction | null;
  if (add) {
    if (listed) return reactions;
    const users = entry.users.length < MAX_REACTION_USERS ? [...entry.users, user] : entry.users;
    updated = { count: entry.count + 1, users };
  } else {
    if (!listed && complete) return reactions;
    const count = entry.count - 1;
    updated = count <= 0 ? null : { count, users: entry.users.filter((u) => u !== user) };
  }
  const copy = { ...reactions };
  if (updated === null) delete copy[emoji];
  else copy[emoji] = updated;
  return copy;
}

/** The first {@code max} characters of a message, for a reply quote. */
export function excerpt(content: string, max = 60): string {
  return content.length <= max ? content : `${content.slice(0, max - 1)}…`;
}
