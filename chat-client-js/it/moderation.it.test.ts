import { afterEach, describe, expect, it } from "vitest";
import type { ChatMessage, RoomEvent } from "../src/index.js";
import { client, closeClients, uniqueRoom, uniqueUser, until } from "./support.js";

afterEach(closeClients);

describe("moderation against the demo server", () => {
  it("kicks, bans and mutes with roles, SYSTEM messages and the server's refusal codes", async () => {
    const alice = client(uniqueUser("alice"));
    const bob = client(uniqueUser("bob"));
    const carol = client(uniqueUser("carol"));
    await Promise.all([alice.connect(), bob.connect(), carol.connect()]);
    const room = await alice.createRoom(uniqueRoom("moderation"));
    expect(room.role).toBe("OWNER");
    expect((await bob.join(room.id)).role).toBe("MEMBER");
    await carol.join(room.id);
    const seen: ChatMessage[] = [];
    await alice.subscribe(room.id, { onMessage: (m) => seen.push(m) });
    let bobRevoked = 0;
    await bob.subscribe(room.id, { onRevoked: () => bobRevoked++ });
    const events: RoomEvent[] = [];
    bob.on("roomEvent", (e) => events.push(e));

    // members may not moderate; nothing changes
    await expect(bob.moderate(room.id, { action: "kick", username: carol.userName! })).rejects.toMatchObject({ code: "forbidden", status: 403 });
    await expect(alice.moderate(room.id, { action: "kick", username: alice.userName! })).rejects.toMatchObject({ code: "forbidden" });
    expect((await alice.participants(room.id)).members).toEqual(
      [alice.userName, bob.userName, carol.userName].sort().map((u) => ({ username: u, role: u === alice.userName ? "OWNER" : "MEMBER" })),
    );

    // mute: bob's send is refused with code muted, then works again after unmute
    await alice.moderate(room.id, { action: "mute", username: bob.userName!, reason: "calm down" });
    await expect(bob.send(room.id, "shh")).rejects.toMatchObject({ code: "muted" });
    expect(await alice.restrictions(room.id)).toEqual([expect.objectContaining({ kind: "MUTE", username: bob.userName, actor: alice.userName, reason: "calm down" })]);
    await expect(bob.restrictions(room.id)).rejects.toMatchObject({ code: "forbidden" });
    await alice.moderate(room.id, { action: "unmute", username: bob.userName! });
    await bob.send(room.id, "hello again");

    // kick: bob is out (LEFT, subscription revoked) and may come back
    await alice.moderate(room.id, { action: "kick", username: bob.userName! });
    await until(() => bobRevoked === 1, "bob's subscription to be revoked");
    await until(() => events.some((e) => e.kind === "LEFT" && e.user === bob.userName), "bob's LEFT event");
    await bob.join(room.id);

    // ban: out, and refused on rejoin with code banned
    await alice.moderate(room.id, { action: "ban", username: bob.userName!, until: new Date(Date.now() + 3_600_000) });
    await expect(bob.join(room.id)).rejects.toMatchObject({ code: "banned", status: 403 });
    expect((await alice.participants(room.id)).participants).not.toContain(bob.userName);

    // roles and rename
    expect((await alice.setRole(room.id, carol.userName!, "MODERATOR")).participants).toContain(carol.userName);
    await expect(carol.setRole(room.id, alice.userName!, "MEMBER")).rejects.toMatchObject({ code: "forbidden" });
    expect((await carol.renameRoom(room.id, "renamed by carol")).name).toBe("renamed by carol");
    await expect(carol.deleteRoom(room.id)).rejects.toMatchObject({ code: "forbidden" });

    await until(() => seen.filter((m) => m.type === "SYSTEM").length >= 6, "six SYSTEM messages");
    expect(seen.filter((m) => m.type === "SYSTEM").map((m) => m.metadata?.action)).toEqual(["mute", "unmute", "kick", "ban", "role", "rename"]);
    expect(seen.find((m) => m.metadata?.action === "kick")?.content).toBe(`${bob.userName} was removed by ${alice.userName}`);

    await alice.deleteRoom(room.id);
    await expect(alice.rooms()).resolves.not.toContainEqual(expect.objectContaining({ id: room.id }));
  });
});
