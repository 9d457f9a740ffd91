import type { Room, RoomEvent, RoomSummary } from "@chatstack/client";

/**
 * The rooms a user may see and which of them the user is in. Pure and immutable: every function
 * returns a new state (or the same one when nothing changed). Private and direct rooms are only
 * ever visible to their participants, so seeing one means being in it.
 */
export interface RoomListState {
  /** Sorted by id. */
  rooms: readonly RoomSummary[];
  /** Ids of the rooms the user is a participant of. */
  memberOf: ReadonlySet<number>;
}

export const EMPTY_ROOM_LIST: RoomListState = { rooms: [], memberOf: new Set() };

/** The state from GET /api/rooms (visible) and GET /api/rooms/user/{me} (mine). */
export function roomListOf(visible: readonly RoomSummary[], mine: readonly RoomSummary[]): RoomListState {
  const byId = new Map<number, RoomSummary>();
  for (const room of [...mine, ...visible]) byId.set(room.id, room);
  const memberOf = new Set(mine.map((r) => r.id));
  for (const room of byId.values()) if (room.visibility !== "PUBLIC") memberOf.add(room.id);
  return { rooms: sortById([...byId.values()]), memberOf };
}

/** Adds or replaces a room (a private or direct one makes the user a member). */
export function upsertRoom(state: RoomListState, room: RoomSummary | Room): RoomListState {
  const summary = summaryOf(room);
  const rooms = sortById([...state.rooms.filter((r) => r.id !== summary.id), summary]);
  const member = summary.visibility !== "PUBLIC" || state.memberOf.has(summary.id);
  return { rooms, memberOf: withMember(state.memberOf, summary.id, member) };
}

/** Marks the user as (not) a participant of a room. */
export function setMember(state: RoomListState, roomId: number, member: boolean): RoomListState {
  const memberOf = withMember(state.memberOf, roomId, member);
  return memberOf === state.memberOf ? state : { ...state, memberOf };
}

/** Forgets a room (e.g. a private room the user left: it is no longer visible). */
export function removeRoom(state: RoomListState, roomId: number): RoomListState {
  if (!state.rooms.some((r) => r.id === roomId) && !state.memberOf.has(roomId)) return state;
  return { rooms: state.rooms.filter((r) => r.id !== roomId), memberOf: withMember(state.memberOf, roomId, false) };
}

/** The state after the user {@code me} left or lost a room: public rooms stay listed. */
export function afterLeaving(state: RoomListState, room: RoomSummary | undefined, roomId: number): RoomListState {
  if (!room || room.visibility !== "PUBLIC") return removeRoom(state, roomId);
  return setMember(upsertRoom(state, room), roomId, false);
}

/** Applies an event from /topic/rooms as seen by the user {@code me}. */
export function applyRoomEvent(state: RoomListState, event: RoomEvent, me: string): RoomListState {
  const room = event.room;
  switch (event.kind) {
    case "CREATED": {
      const next = upsertRoom(state, room);
      return room.createdBy === me ? setMember(next, room.id, true) : next;
    }
    case "JOINED": {
      const next = upsertRoom(state, room);
      return event.user === me ? setMember(next, room.id, true) : next;
    }
    case "LEFT":
      return event.user === me ? afterLeaving(state, room, room.id) : upsertRoom(state, room);
    case "CHANGED":
      // Renamed, or a role, ban or mute changed: the entry is replaced (keeps membership).
      return state.rooms.some((r) => r.id === room.id) || state.memberOf.has(room.id) ? upsertRoom(state, room) : state;
    case "DELETED":
      return removeRoom(state, room.id);
    default:
      return state;
  }
}

/** The open room after a room event: participants updated from the delta, the user's role kept. */
export function applyToOpenRoom(room: Room, event: RoomEvent): Room {
  if (event.room.id !== room.id) return room;
  const { user } = event;
  let participants = room.participants;
  if (event.kind === "JOINED" && user && !participants.includes(user)) participants = [...participants, user];
  if (event.kind === "LEFT" && user) participants = participants.filter((p) => p !== user);
  // The user's own role is the open room's (an event may be addressed to everyone).
  const next: Room = { ...room, ...summaryOf(event.room), participants };
  if (room.role === undefined) delete next.role;
  else next.role = room.role;
  return next;
}

/** The list entry of a room (drops the participant list; keeps the user's role when given). */
export function summaryOf(room: RoomSummary | Room): RoomSummary {
  const { id, name, createdBy, createdAt, visibility, participantCount, role } = room;
  return role === undefined
    ? { id, name, createdBy, createdAt, visibility, participantCount }
    : { id, name, createdBy, createdAt, visibility, participantCount, role };
}

function withMember(set: ReadonlySet<number>, roomId: number, member: boolean): ReadonlySet<number> {
  if (set.has(roomId) === member) return set;
  const next = new Set(set);
  if (member) next.add(roomId);
  else next.delete(roomId);
  return next;
}

function sortById(rooms: RoomSummary[]): RoomSummary[] {
  return rooms.sort((a, b) => a.id - b.id);
}
