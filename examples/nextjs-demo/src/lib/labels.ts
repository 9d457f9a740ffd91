import type { ChatMessage, ConnectionState, PresenceState, RoomRole, RoomVisibility } from "@chatstack/client";

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

/** The badge next to a participant's name: "Owner", "Moderator", or "" for members. */
export function roleBadge(role: RoomRole | undefined): string {
  if (role === "OWNER") return "Owner";
  if (role === "MODERATOR") return "Moderator";
  return "";
}

/** What the user may do to one participant from the participant list. */
export type ParticipantAction = "kick" | "ban" | "mute" | "unmute" | "make-moderator" | "remove-moderator";

/** The button text of a participant action. */
export const PARTICIPANT_ACTION_LABELS: Readonly<Record<ParticipantAction, string>> = {
  kick: "Kick",
  ban: "Ban",
  mute: "Mute",
  unmute: "Unmute",
  "make-moderator": "Make moderator",
  "remove-moderator": "Remove moderator",
};

/**
 * Whether the user may delete another user's chat message, per the server's rules: the owner
 * deletes anyone's; a moderator those of members only (not the owner's, who is the room's creator,
 * and not another moderator's). {@code senderRole} is undefined for a sender who is no longer a
 * participant; the caller offers nothing while the roles are not loaded.
 */
export function canDeleteOthers(
  myRole: RoomRole | undefined,
  sender: string,
  senderRole: RoomRole | undefined,
  createdBy: string | undefined,
): boolean {
  if (myRole === "OWNER") return true;
  if (myRole !== "MODERATOR") return false;
  return sender !== createdBy && senderRole !== "MODERATOR" && senderRole !== "OWNER";
}

/** Whether a role may moderate (kick, ban, mute, rename, see restrictions). */
export function isModerator(role: RoomRole | undefined): boolean {
  return role === "OWNER" || role === "MODERATOR";
}

/**
 * The actions the user (with role {@code myRole}) is offered on participant {@code target} (with
 * role {@code targetRole}), per the server's rules: owner and moderators kick, ban and mute;
 * moderators act on members only; nobody on the owner or on themselves; the owner alone sets
 * roles; nothing in direct rooms. {@code muted}: whether the target is muted now.
 */
export function participantActions(
  visibility: RoomVisibility | undefined,
  me: string,
  myRole: RoomRole | undefined,
  target: string,
  targetRole: RoomRole | undefined,
  muted: boolean,
): ParticipantAction[] {
  if (visibility === "DIRECT" || target === me || !isModerator(myRole)) return [];
  const role = targetRole ?? "MEMBER";
  if (role === "OWNER") return [];
  if (myRole === "MODERATOR" && role !== "MEMBER") return [];
  const actions: ParticipantAction[] = ["kick", "ban", muted ? "unmute" : "mute"];
  if (myRole === "OWNER") actions.push(role === "MODERATOR" ? "remove-moderator" : "make-moderator");
  return actions;
}

/** Whether the user may rename the room (owner and moderators; not direct rooms). */
export function canRename(visibility: RoomVisibility | undefined, myRole: RoomRole | undefined): boolean {
  return visibility !== "DIRECT" && isModerator(myRole);
}

/** Whether the user may delete the room (the owner; not direct rooms). */
export function canDeleteRoom(visibility: RoomVisibility | undefined, myRole: RoomRole | undefined): boolean {
  return visibility !== "DIRECT" && myRole === "OWNER";
}

/** The text shown when a send is refused; a muted user is told so plainly. */
export function sendRefusedText(code: string | undefined, content: string, reason: string): string {
  if (code === "muted") return `You are muted in this room: your message "${content}" was not sent.`;
  return `Your message "${content}" was not sent: ${reason}`;
}
