import { afterEach, describe, expect, it } from "vitest";
import { applyChange, ChatError, type ChatMessage, type PresenceEvent, type ReadReceipt, type TypingEvent } from "../src/index.js";
import { baseUrl, client, closeClients, NetworkCut, uniqueRoom, uniqueUser, until } from "./support.js";

afterEach(closeClients);

describe("ChatClient against the demo server", () => {
  it("sends with a receipt that carries the stored seq, and a subscriber receives the same message", async () => {
    const alice = client(uniqueUser("alice"));
    const bob = client(uniqueUser("bob"));
    await Promise.all([alice.connect(), bob.connect()]);
    const room = await alice.createRoom(uniqueRoom("receipts"));
    await bob.join(room.id);
    const received: ChatMessage[] = [];
    await bob.subscribe(room.id, { onMessage: (m) => received.push(m) });

    const sent = await alice.send(room.id, "hello bob", { metadata: { kind: "greeting" } });

    expect(sent.seq).toBeGreaterThan(0);
    expect(sent.id).toMatch(/.+/);
    expect(sent.sender).toBe(alice.userName);
    await until(() => received.some((m) => m.id === sent.id), "bob to receive alice's message");
    const delivered = received.find((m) => m.id === sent.id)!;
    expect(delivered).toMatchObject({ seq: sent.seq, content: "hello bob", type: "CHAT", metadata: { kind: "greeting" } });
  });

  it("pages history by beforeSeq, ascending within a page, each message once", async () => {
    const carol = client(uniqueUser("carol"));
    await carol.connect();
    const room = await carol.createRoom(uniqueRoom("history"));
    const sent: ChatMessage[] = [];
    for (let i = 0; i < 7; i++) sent.push(await carol.send(room.id, `m${i}`));
    // History is read from the store, which the persister fills just after the receipt (the log
    // is durable at the receipt; `sinceSeq` replays read it): wait until the last send is stored.
    let page = await carol.history(room.id, { limit: 3 });
    const last = sent[sent.length - 1].id;
    const deadline = Date.now() + 20_000;
    while (!page.messages.some((m) => m.id === last)) {
      expect(Date.now(), "the last send reaches history").toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 50));
      page = await carol.history(room.id, { limit: 3 });
    }

    const pages: ChatMessage[][] = [];
    pages.push(page.messages);
    while (page.hasMore) {
      page = await carol.history(room.id, { beforeSeq: page.messages[0].seq, limit: 3 });
      pages.push(page.messages);
    }

    const chat = pages.reverse().flat().filter((m) => m.type === "CHAT");
    expect(chat.map((m) => m.content)).toEqual(sent.map((m) => m.content));
    for (const p of pages) expect(p.map((m) => m.seq)).toEqual([...p.map((m) => m.seq)].sort((a, b) => a - b));
  });

  it("rejects with the server's code and changes nothing", async () => {
    const owner = client(uniqueUser("owner"));
    const outsider = client(uniqueUser("outsider"));
    await Promise.all([owner.connect(), outsider.connect()]);
    const secret = await owner.createRoom(uniqueRoom("private"), { visibility: "PRIVATE" });
    const open = await owner.createRoom(uniqueRoom("open"));

    await expect(outsider.send(open.id, "not a member")).rejects.toMatchObject({ code: "not-participant" });
    await expect(outsider.subscribe(secret.id, {}, { sinceSeq: -1 })).rejects.toMatchObject({ code: "room-not-found" });
    await expect(outsider.history(secret.id)).rejects.toBeInstanceOf(ChatError);
    await expect(owner.send(open.id, "")).rejects.toMatchObject({ code: "invalid-content" });

    const history = await owner.history(open.id);
    expect(history.messages.filter((m) => m.type === "CHAT")).toEqual([]);
    expect(outsider.state.status).toBe("online"); // application errors keep the connection
  });

  it("delivers edits, reactions and deletes as their own events, which applyChange folds in", async () => {
    const dan = client(uniqueUser("dan"));
    const eve = client(uniqueUser("eve"));
    await Promise.all([dan.connect(), eve.connect()]);
    const room = await dan.createRoom(uniqueRoom("changes"));
    await eve.join(room.id);
    let view: readonly ChatMessage[] = [];
    const kinds: string[] = [];
    await eve.subscribe(room.id, {
      onMessage: (m) => (view = [...view, m]),
      onEdit: (r) => (kinds.push("edit"), (view = applyChange(view, r))),
      onReaction: (r) => (kinds.push("reaction"), (view = applyChange(view, r))),
      onDelete: (r) => (kinds.push("delete"), (view = applyChange(view, r))),
    });
    const first = await dan.send(room.id, "frist");
    const second = await dan.send(room.id, "second", { replyTo: first.id });

    const edit = await dan.edit(room.id, first.id, "first");
    await eve.react(room.id, first.id, "👍");
    await dan.deleteMessage(room.id, second.id);

    expect(edit.seq).toBeGreaterThan(second.seq);
    await until(() => kinds.length === 3, "three change events");
    expect(kinds).toEqual(["edit", "reaction", "delete"]);
    const [a, b] = view.filter((m) => m.type === "CHAT");
    expect(a).toMatchObject({ content: "first", reactions: { "👍": { count: 1, users: [eve.userName] } } });
    expect(b).toMatchObject({ deleted: true, content: "", replyTo: first.id });
    await expect(eve.edit(room.id, first.id, "hijack")).rejects.toMatchObject({ code: "not-message-sender" });
  });

  it("tells presence and typing, and ends the subscription with onRevoked when the user leaves", async () => {
    const fay = client(uniqueUser("fay"));
    const gus = client(uniqueUser("gus"));
    await Promise.all([fay.connect(), gus.connect()]);
    const room = await fay.createRoom(uniqueRoom("signals"));
    await gus.join(room.id);
    const presence: PresenceEvent[] = [];
    const typing: TypingEvent[] = [];
    let revoked = 0;
    await fay.subscribe(room.id, {
      onPresence: (e) => presence.push(e),
      onTyping: (e) => typing.push(e),
    });
    await gus.subscribe(room.id, { onRevoked: () => revoked++ });

    await until(() => presence.some((e) => e.type === "snapshot"), "a presence snapshot");
    await until(() => gus.typing(room.id, true) && typing.some((e) => e.user === gus.userName && e.typing), "gus typing");
    await gus.leave(room.id);
    await until(() => revoked === 1, "gus's subscription to be revoked");
    await expect(gus.send(room.id, "after leaving")).rejects.toMatchObject({ code: "not-participant" });
  });

  it("paces typing signals to the server's limit: none is refused, and the latest state arrives", async () => {
    const jo = client(uniqueUser("jo"));
    const kim = client(uniqueUser("kim"));
    await Promise.all([jo.connect(), kim.connect()]);
    const room = await jo.createRoom(uniqueRoom("typing pace"));
    await kim.join(room.id);
    const typing: TypingEvent[] = [];
    await kim.subscribe(room.id, { onTyping: (e) => e.user === jo.userName && typing.push(e) });
    const refusals: ChatError[] = [];
    jo.on("error", (e) => refusals.push(e));
    // subscribe() resolved once kim's typing subscription was confirmed: jo's first "typing" reaches
    // her (the server forwards a repeated one only after its throttle, 3 s).
    expect(jo.typing(room.id, true)).toBe(true);
    await until(() => typing.some((e) => e.typing), "kim to see jo typing");
    const before = typing.length;

    // Three seconds of the server's budget (20 a second) at once, alternating, the last "typing":
    // what the budget allows goes at once, the rest is paced down to its latest state.
    for (let i = 1; i <= 60; i++) expect(jo.typing(room.id, i % 2 === 0)).toBe(true);

    // The server's own "stopped" (after its typing timeout) cannot end with "typing": only the
    // paced latest state can.
    await until(
      () => typing.length > before && typing[typing.length - 1].typing && typing.slice(before).some((e) => !e.typing),
      "kim to see jo stop and type again",
    );
    // A refusal of any typing frame reaches jo before the receipt of a later send.
    await jo.send(room.id, "done typing");
    expect(refusals).toEqual([]);
  });

  it("resolves subscribe() once the signal subscriptions are confirmed: signals sent at once arrive", async () => {
    const lea = client(uniqueUser("lea"));
    await lea.connect();
    const room = await lea.createRoom(uniqueRoom("signals at once"));
    for (let round = 0; round < 3; round++) {
      // A new user each round: the server forwards a user's repeated "typing" only after its throttle.
      const max = client(uniqueUser("max"));
      await max.connect();
      await max.join(room.id);
      const last = await lea.send(room.id, `read me ${round}`);
      const typing: TypingEvent[] = [];
      const reads: ReadReceipt[] = [];
      const sub = await lea.subscribe(room.id, {
        onTyping: (e) => e.user === max.userName && typing.push(e),
        onReadReceipt: (r) => r.user === max.userName && reads.push(r),
      });
      // One signal each, sent the moment subscribe() resolved: nothing repeats a missed one.
      expect(max.typing(room.id, true)).toBe(true);
      await max.markRead(room.id, last.seq);
      await until(() => typing.length > 0 && reads.length > 0, `lea to see max's typing and read mark (round ${round})`);
      sub.close();
    }
  });

  it("marks a room read and reports the read state", async () => {
    const hal = client(uniqueUser("hal"));
    const ivy = client(uniqueUser("ivy"));
    await Promise.all([hal.connect(), ivy.connect()]);
    const room = await hal.createRoom(uniqueRoom("reads"));
    await ivy.join(room.id);
    const last = await hal.send(room.id, "one");
    await hal.send(room.id, "two").then((m) => Object.assign(last, m));

    const before = (await ivy.myRooms()).find((r) => r.id === room.id)!;
    const after = await ivy.markRead(room.id, last.seq);

    expect(before.unreadCount).toBe(2);
    expect(after).toEqual({ roomId: room.id, lastReadSeq: last.seq, unreadCount: 0 });
  });

  it("a second subscription of a room from an older seq gets every record after it once, and the first one no duplicates", async () => {
    const lea = client(uniqueUser("lea"));
    await lea.connect();
    const room = await lea.createRoom(uniqueRoom("shared"));
    const first: number[] = [];
    await lea.subscribe(room.id, { onMessage: (m) => first.push(m.seq) });
    const before = (await lea.history(room.id, { limit: 1 })).messages[0].seq;
    const sent = [await lea.send(room.id, "a"), await lea.send(room.id, "b"), await lea.send(room.id, "c")];
    await until(() => first.length === 3, "the first subscription to see three messages");

    const second: number[] = [];
    await lea.subscribe(room.id, { onMessage: (m) => second.push(m.seq) }, { sinceSeq: before });
    const last = await lea.send(room.id, "d");
    await until(() => second.includes(last.seq) && first.includes(last.seq), "both to see the fourth message");

    expect(second).toEqual([...sent.map((m) => m.seq), last.seq]);
    expect(first).toEqual([...sent.map((m) => m.seq), last.seq]);
  });

  it("works over SockJS too", async () => {
    const jan = client(uniqueUser("jan"), { transport: "sockjs", WebSocket: undefined });
    await jan.connect();
    const room = await jan.createRoom(uniqueRoom("sockjs"));
    const got: ChatMessage[] = [];
    await jan.subscribe(room.id, { onMessage: (m) => got.push(m) });
    const sent = await jan.send(room.id, "over sockjs");
    await until(() => got.some((m) => m.id === sent.id), "the echo over SockJS");
  });

  it("refuses a CONNECT it cannot accept without retrying", async () => {
    const bad = client("not a valid name!");
    await expect(bad.connect()).rejects.toBeInstanceOf(ChatError);
    expect(bad.state.status).toBe("stopped");
  });
});

describe("ChatClient across a network cut", () => {
  it("after a cut during a stream of sends, the subscriber has every message once in seq order and nothing is stored twice", async () => {
    const port = Number(new URL(baseUrl()).port);
    const network = await NetworkCut.start(port);
    try {
      const sender = client(uniqueUser("sender"), { url: network.url() });
      const watcher = client(uniqueUser("watcher"), { url: network.url() });
      await Promise.all([sender.connect(), watcher.connect()]);
      const room = await sender.createRoom(uniqueRoom("cut"));
      await watcher.join(room.id);
      const seen: ChatMessage[] = [];
      await watcher.subscribe(room.id, { onMessage: (m) => m.type === "CHAT" && seen.push(m) });

      const total = 60;
      const sends: Promise<ChatMessage>[] = [];
      for (let i = 0; i < total; i++) {
        sends.push(sender.send(room.id, `n${i}`));
        if (i === 20) network.cut(); // some sends in flight, unacknowledged
        if (i === 35) network.block(); // the rest wait for the reconnect
        if (i % 5 === 0) await new Promise((r) => setImmediate(r));
      }
      expect(sender.pendingSends(room.id).length).toBeGreaterThan(0);
      network.unblock();
      const stored = await Promise.all(sends);

      await until(() => seen.length >= total, `the watcher to see ${total} messages (has ${seen.length})`, 30_000);
      const seqs = seen.map((m) => m.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(new Set(seen.map((m) => m.content))).toEqual(new Set(stored.map((m) => m.content)));
      expect(seen.length).toBe(total);

      const history = await sender.history(room.id, { limit: 1000 });
      const chat = history.messages.filter((m) => m.type === "CHAT");
      expect(chat).toHaveLength(total);
      expect(new Set(chat.map((m) => m.clientMsgId)).size).toBe(total);
      expect(sender.state.status).toBe("online");
    } finally {
      await network.close();
    }
  });

  it("a send made while disconnected waits for the reconnect, and times out when it does not come", async () => {
    const port = Number(new URL(baseUrl()).port);
    const network = await NetworkCut.start(port);
    try {
      const kim = client(uniqueUser("kim"), { url: network.url(), sendTimeoutMs: 3_000 });
      await kim.connect();
      const room = await kim.createRoom(uniqueRoom("offline"));
      network.block();
      await until(() => kim.state.status !== "online", "kim to notice the cut");

      const lost = kim.send(room.id, "never delivered");
      await expect(lost).rejects.toMatchObject({ code: "timeout" });
      const waiting = kim.send(room.id, "delivered after the reconnect");
      network.unblock();
      const stored = await waiting;

      expect(stored.seq).toBeGreaterThan(0);
      const chat = (await kim.history(room.id)).messages.filter((m) => m.type === "CHAT");
      expect(chat.map((m) => m.content)).toEqual(["delivered after the reconnect"]);
    } finally {
      await network.close();
    }
  });
});
