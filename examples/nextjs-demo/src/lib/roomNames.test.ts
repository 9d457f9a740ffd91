import { describe, expect, it } from "vitest";
import { directPeer, roomLabel } from "./roomNames";
import type { Room, RoomSummary } from "@chatstack/client";

const base = { createdBy: "alice", createdAt: "2026-12-03T12:00:00Z", participantCount: 2 };
const dm: RoomSummary = { ...base, id: 9, name: "alice & bob", visibility: "DIRECT" };

describe("directPeer", () => {
  it("reads the other user from the participants first", () => {
    const room: Room = { ...dm, name: "whatever", participants: ["bob", "alice"] };
    expect(directPeer(room, "alice")).toBe("bob");
    expect(directPeer(room, "bob")).toBe("alice");
  });

  it("falls back to known peers, then to the server-chosen name", () => {
    expect(directPeer({ ...dm, name: "dm-9" }, "alice", { 9: "bob" })).toBe("bob");
    expect(directPeer(dm, "alice")).toBe("bob");
    expect(directPeer(dm, "bob")).toBe("alice");
    expect(directPeer(dm, "carol")).toBeUndefined();
    expect(directPeer({ ...dm, name: "dm-9" }, "alice")).toBeUndefined();
  });

  it("is undefined for rooms that are not direct", () => {
    expect(directPeer({ ...dm, visibility: "PRIVATE" }, "alice")).toBeUndefined();
  });
});

describe("roomLabel", () => {
  it("names direct rooms after the other user and others by their name", () => {
    expect(roomLabel(dm, "alice")).toBe("@bob");
    expect(roomLabel({ ...dm, name: "dm-9" }, "alice")).toBe("dm-9");
    expect(roomLabel({ ...dm, visibility: "PUBLIC", name: "general" }, "alice")).toBe("general");
  });
});
