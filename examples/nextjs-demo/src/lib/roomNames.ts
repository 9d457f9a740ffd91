import type { Room, RoomSummary } from "@chatstack/client";

/** Separator of the two user names in a server-chosen direct room name ("alice & bob"). */
const DIRECT_NAME_SEPARATOR = " & ";

/**
 * The other participant of a direct room as far as it can be told: from the participant list
 * when there is one, else from the server-chosen name "a & b" (user names have no spaces), else
 * from {@code known} (peers learnt earlier). Undefined for other rooms or when unknown.
 */
export function directPeer(
  room: RoomSummary | Room,
  me: string,
  known?: Readonly<Record<number, string>>,
): string | undefined {
  if (room.visibility !== "DIRECT") return undefined;
  if ("participants" in room && Array.isArray(room.participants)) {
    const other = room.participants.find((p) => p !== me);
    if (other) return other;
  }
  const fromKnown = known?.[room.id];
  if (fromKnown) return fromKnown;
  const parts = room.name.split(DIRECT_NAME_SEPARATOR);
  if (parts.length === 2 && parts.includes(me)) {
    const other = parts[0] === me ? parts[1] : parts[0];
    if (other && other !== me) return other;
  }
  return undefined;
}

/** What the UI calls a room: "@bob" for the direct room with bob, the room name otherwise. */
export function roomLabel(
  room: RoomSummary | Room,
  me: string,
  known?: Readonly<Record<number, string>>,
): string {
  if (room.visibility !== "DIRECT") return room.name;
  const peer = directPeer(room, me, known);
  return peer ? `@${peer}` : room.name;
}
