import { describe, expect, it } from "vitest";
import { canDeleteOthers, canDeleteRoom, canRename, participantActions, roleBadge, sendRefusedText } from "./labels";

describe("role-based visibility", () => {
  it("badges owners and moderators only", () => {
    expect(roleBadge("OWNER")).toBe("Owner");
    expect(roleBadge("MODERATOR")).toBe("Moderator");
    expect(roleBadge("MEMBER")).toBe("");
    expect(roleBadge(undefined)).toBe("");
  });

  it("the owner may kick, ban, mute and set roles of members and moderators", () => {
    expect(participantActions("PUBLIC", "alice", "OWNER", "bob", "MEMBER", false)).toEqual(["kick", "ban", "mute", "make-moderator"]);
    expect(participantActions("PRIVATE", "alice", "OWNER", "bob", "MODERATOR", true)).toEqual(["kick", "ban", "unmute", "remove-moderator"]);
  });

  it("moderators act on members only, without roles", () => {
    expect(participantActions("PUBLIC", "mod", "MODERATOR", "bob", "MEMBER", false)).toEqual(["kick", "ban", "mute"]);
    expect(participantActions("PUBLIC", "mod", "MODERATOR", "mod2", "MODERATOR", false)).toEqual([]);
    expect(participantActions("PUBLIC", "mod", "MODERATOR", "alice", "OWNER", false)).toEqual([]);
  });

  it("the owner deletes anyone's message, a moderator members' only, a member nobody's", () => {
    expect(canDeleteOthers("OWNER", "mod", "MODERATOR", "alice")).toBe(true);
    expect(canDeleteOthers("OWNER", "bob", "MEMBER", "alice")).toBe(true);
    expect(canDeleteOthers("MODERATOR", "bob", "MEMBER", "alice")).toBe(true);
    expect(canDeleteOthers("MODERATOR", "gone", undefined, "alice")).toBe(true);
    expect(canDeleteOthers("MODERATOR", "mod2", "MODERATOR", "alice")).toBe(false);
    expect(canDeleteOthers("MODERATOR", "alice", "OWNER", "alice")).toBe(false);
    expect(canDeleteOthers("MODERATOR", "alice", undefined, "alice")).toBe(false);
    expect(canDeleteOthers("MEMBER", "bob", "MEMBER", "alice")).toBe(false);
    expect(canDeleteOthers(undefined, "bob", "MEMBER", "alice")).toBe(false);
  });

  it("nobody acts on the owner or on themselves; members act on nobody; nothing in direct rooms", () => {
    expect(participantActions("PUBLIC", "alice", "OWNER", "alice", "OWNER", false)).toEqual([]);
    expect(participantActions("PUBLIC", "mod", "MODERATOR", "mod", "MODERATOR", false)).toEqual([]);
    expect(participantActions("PUBLIC", "bob", "MEMBER", "carol", "MEMBER", false)).toEqual([]);
    expect(participantActions("PUBLIC", "bob", undefined, "carol", "MEMBER", false)).toEqual([]);
    expect(participantActions("DIRECT", "alice", "OWNER", "bob", "MEMBER", false)).toEqual([]);
  });

  it("an unknown target role counts as member", () => {
    expect(participantActions("PUBLIC", "mod", "MODERATOR", "bob", undefined, false)).toEqual(["kick", "ban", "mute"]);
  });

  it("rename for owner and moderators, delete for the owner, neither in direct rooms", () => {
    expect(canRename("PUBLIC", "OWNER")).toBe(true);
    expect(canRename("PRIVATE", "MODERATOR")).toBe(true);
    expect(canRename("PUBLIC", "MEMBER")).toBe(false);
    expect(canRename("DIRECT", "OWNER")).toBe(false);
    expect(canDeleteRoom("PUBLIC", "OWNER")).toBe(true);
    expect(canDeleteRoom("PUBLIC", "MODERATOR")).toBe(false);
    expect(canDeleteRoom("PUBLIC", undefined)).toBe(false);
    expect(canDeleteRoom("DIRECT", "OWNER")).toBe(false);
  });

  it("a muted send says so plainly", () => {
    expect(sendRefusedText("muted", "hi", "You are muted")).toBe('You are muted in this room: your message "hi" was not sent.');
    expect(sendRefusedText("rate-limited", "hi", "Too fast")).toBe('Your message "hi" was not sent: Too fast');
  });
});
