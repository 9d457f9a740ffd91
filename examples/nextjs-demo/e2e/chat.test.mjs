// End-to-end scenarios in headless Debian chromium against a running chat server (BASE_URL).
// Run: npm run e2e   (see README: BASE_URL, CHAT_SERVER_CMD, CHROMIUM_PATH)
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  deliveredMessages,
  recordedNotices,
  recordNotices,
  screenshot,
  sendMessage,
  signIn,
  waitFor,
  waitForConnection,
  waitForMessage,
  waitForNoOutgoing,
  waitForRoom,
} from "./browser.mjs";
import { RECOVERY_TIMEOUT_MS } from "./config.mjs";
import { RESTART_SKIP_REASON, restartServer, serverManaged } from "./server.mjs";
import { browserSuite } from "./suite.mjs";

const run = Date.now().toString(36);
const names = { alice: `alice-${run}`, bob: `bob-${run}`, carol: `carol-${run}` };
const roomName = `e2e room ${run}`;

describe("chat in the browser", { concurrency: false }, () => {
  const suite = browserSuite();
  let alice;
  let bob;
  let roomId;

  test("alice and bob chat in one room with own/other styling", async () => {
    alice = await signIn(suite.browser, names.alice);
    await waitForConnection(alice.page, "online");
    await alice.page.getByLabel("New room name").fill(roomName);
    await alice.page.getByRole("button", { name: "Create" }).click();
    roomId = await waitForRoom(alice.page);
    assert.ok(roomId > 0, "room id in the page");
    assert.match(alice.page.url(), new RegExp(`[?&]room=${roomId}\\b`), "room held in the URL");

    bob = await signIn(suite.browser, names.bob);
    await waitForConnection(bob.page, "online");
    await bob.page.locator(`[data-testid="room-item"][data-room-id="${roomId}"]`).click();
    await waitForRoom(bob.page);
    await waitForMessage(alice.page, `${names.bob} joined the room`, "system");

    await sendMessage(alice.page, "Hello from alice");
    await waitForMessage(bob.page, "Hello from alice", "other");
    await sendMessage(bob.page, "Hi alice, bob here");
    await waitForMessage(alice.page, "Hi alice, bob here", "other");
    await waitForMessage(alice.page, "Hello from alice", "own");
    await waitForMessage(bob.page, "Hi alice, bob here", "own");
    await waitForNoOutgoing(alice.page);
    await waitForNoOutgoing(bob.page);

    for (const [user, self, other] of [
      [alice, names.alice, names.bob],
      [bob, names.bob, names.alice],
    ]) {
      const chat = (await deliveredMessages(user.page)).filter((m) => m.kind !== "system");
      assert.deepEqual(
        chat.map((m) => [m.sender, m.kind]),
        [
          [names.alice, self === names.alice ? "own" : "other"],
          [names.bob, self === names.bob ? "own" : "other"],
        ],
        `styling as seen by ${self} (other: ${other})`,
      );
      const participants = await user.page.getByTestId("participant").allTextContents();
      assert.ok(participants.some((p) => p.startsWith(names.alice)) && participants.some((p) => p.startsWith(names.bob)));
    }
    await screenshot(alice.page, "01-alice-chat");
    await screenshot(bob.page, "02-bob-chat");
  });

  test("carol joins later and sees the history with JOIN lines", async () => {
    assert.ok(roomId, "needs the room of the first scenario");
    const carol = await signIn(suite.browser, names.carol, { path: `/?room=${roomId}` });
    await waitForRoom(carol.page);
    await waitForMessage(carol.page, "Hello from alice", "other");
    await waitForMessage(carol.page, "Hi alice, bob here", "other");
    await waitForMessage(carol.page, `${names.carol} joined the room`, "system");

    const messages = await deliveredMessages(carol.page);
    const system = messages.filter((m) => m.kind === "system").map((m) => m.content);
    for (const who of [names.alice, names.bob, names.carol]) {
      assert.ok(system.some((c) => c.startsWith(`${who} joined the room`)), `JOIN line of ${who}: ${system}`);
    }
    const seqs = messages.map((m) => m.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), "history in seq order");
    assert.equal(new Set(seqs).size, seqs.length, "no duplicates");
    await waitForMessage(alice.page, `${names.carol} joined the room`, "system");
    await waitFor(alice.page, () => document.querySelectorAll('[data-testid="participant"]').length === 3);

    // Narrow screen: the room list collapses behind a toggle.
    await carol.page.setViewportSize({ width: 390, height: 800 });
    assert.equal(await carol.page.getByTestId("room-list").isVisible(), false, "room list hidden on narrow screens");
    await carol.page.getByRole("button", { name: "Rooms", exact: true }).click();
    await carol.page.getByTestId("room-list").waitFor({ state: "visible" });
    await screenshot(carol.page, "03-carol-narrow-rooms");
    await carol.page.locator(`[data-testid="room-item"][data-room-id="${roomId}"]`).click();
    await waitForRoom(carol.page);
    await screenshot(carol.page, "04-carol-narrow-room");
    assert.deepEqual(carol.errors, [], "no uncaught page errors");
    await carol.context.close();
  });

  test("a user cut off from the network recovers the missed messages exactly once", async () => {
    assert.ok(alice && bob, "needs the users of the first scenario");
    await bob.network.cut();
    await bob.page.locator('[data-testid="connection-state"]:not([data-state="online"])').waitFor();
    await bob.page.getByTestId("offline-note").waitFor();
    await bob.page.getByLabel("Message", { exact: true }).fill("draft while offline");
    assert.equal(await bob.page.getByTestId("send-button").isDisabled(), true, "send disabled while offline");
    await bob.page.getByLabel("Message", { exact: true }).press("Enter");
    assert.equal(await bob.page.getByLabel("Message", { exact: true }).inputValue(), "draft while offline", "Enter does not send offline");
    await screenshot(bob.page, "05-bob-offline");

    await sendMessage(alice.page, "While bob was away 1");
    await sendMessage(alice.page, "While bob was away 2");
    await waitForNoOutgoing(alice.page);
    bob.network.restore();
    await waitForConnection(bob.page, "online", RECOVERY_TIMEOUT_MS);
    await waitForMessage(bob.page, "While bob was away 2", "other");
    await bob.page.getByLabel("Message", { exact: true }).fill("");
    const messages = await deliveredMessages(bob.page);
    for (const text of ["Hello from alice", "While bob was away 1", "While bob was away 2"]) {
      assert.equal(messages.filter((m) => m.content === text).length, 1, `bob sees "${text}" exactly once`);
    }
    const seqs = messages.map((m) => m.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), "seq order after replay");
  });

  test("a send whose receipt was lost is retried after reconnecting and shows once", async () => {
    assert.ok(alice && bob, "needs the users of the first scenario");
    await waitForConnection(bob.page, "online", RECOVERY_TIMEOUT_MS);
    bob.network.swallowIncoming(); // the server stores the message, bob never hears back
    await sendMessage(bob.page, "Receipt got lost");
    await waitForMessage(alice.page, "Receipt got lost", "other");
    await bob.page.locator('[data-testid="outgoing-message"]').filter({ hasText: "Receipt got lost" }).waitFor();
    await bob.network.cut();
    await bob.page.locator('[data-testid="connection-state"]:not([data-state="online"])').waitFor();
    bob.network.restore();
    await waitForConnection(bob.page, "online", RECOVERY_TIMEOUT_MS);
    await waitForMessage(bob.page, "Receipt got lost", "own");
    await waitForNoOutgoing(bob.page);
    for (const user of [alice, bob]) {
      const count = (await deliveredMessages(user.page)).filter((m) => m.content === "Receipt got lost").length;
      assert.equal(count, 1, `${user.username} sees the retried message exactly once`);
    }
  });

  test("a send lost on the way is retried with its clientMsgId after reconnecting", async () => {
    assert.ok(alice && bob, "needs the users of the first scenario");
    await waitForConnection(bob.page, "online", RECOVERY_TIMEOUT_MS);
    bob.network.swallowOutgoing(); // the SEND never reaches the server
    await sendMessage(bob.page, "Lost on the way");
    await bob.page.locator('[data-testid="outgoing-message"]').filter({ hasText: "Lost on the way" }).waitFor();
    await bob.network.cut();
    await bob.page.locator('[data-testid="connection-state"]:not([data-state="online"])').waitFor();
    bob.network.restore();
    await waitForConnection(bob.page, "online", RECOVERY_TIMEOUT_MS);
    await waitForMessage(alice.page, "Lost on the way", "other");
    await waitForMessage(bob.page, "Lost on the way", "own");
    await waitForNoOutgoing(bob.page);
    for (const user of [alice, bob]) {
      const count = (await deliveredMessages(user.page)).filter((m) => m.content === "Lost on the way").length;
      assert.equal(count, 1, `${user.username} sees the retried message exactly once`);
    }
  });

  test("after a server restart both reconnect and recover without loss or doubles", async (t) => {
    if (!serverManaged()) {
      t.skip(RESTART_SKIP_REASON);
      return;
    }
    assert.ok(alice && bob, "needs the users of the first scenario");
    await sendMessage(alice.page, "Before the restart");
    await waitForMessage(bob.page, "Before the restart", "other");
    await waitForNoOutgoing(alice.page);

    const restarted = restartServer();
    // While the server is down, both show that they are not online and sending is disabled.
    await waitFor(alice.page, () => document.querySelector('[data-testid="connection-state"]')?.dataset.state !== "online", undefined, RECOVERY_TIMEOUT_MS);
    await alice.page.getByTestId("offline-note").waitFor({ timeout: RECOVERY_TIMEOUT_MS });
    assert.equal(await alice.page.getByTestId("send-button").isDisabled(), true, "send disabled while offline");
    await screenshot(alice.page, "06-alice-offline");
    await restarted;

    await waitForConnection(alice.page, "online", RECOVERY_TIMEOUT_MS);
    await waitForConnection(bob.page, "online", RECOVERY_TIMEOUT_MS);
    await sendMessage(bob.page, "After the restart");
    await sendMessage(alice.page, "Alice is back too");
    for (const user of [alice, bob]) {
      await waitForMessage(user.page, "After the restart", null, RECOVERY_TIMEOUT_MS);
      await waitForMessage(user.page, "Alice is back too", null, RECOVERY_TIMEOUT_MS);
      await waitForNoOutgoing(user.page, RECOVERY_TIMEOUT_MS);
    }
    for (const user of [alice, bob]) {
      const messages = await deliveredMessages(user.page);
      const count = (text) => messages.filter((m) => m.content === text).length;
      for (const text of ["Hello from alice", "Hi alice, bob here", "While bob was away 1", "Receipt got lost", "Lost on the way", "Before the restart", "After the restart", "Alice is back too"]) {
        assert.equal(count(text), 1, `${user.username} sees "${text}" exactly once`);
      }
      const seqs = messages.map((m) => m.seq);
      assert.equal(new Set(seqs).size, seqs.length, `no duplicate seq for ${user.username}`);
      assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), "seq order");
      assert.deepEqual(user.errors, [], "no uncaught page errors");
    }
    await screenshot(alice.page, "07-alice-recovered");
    await screenshot(bob.page, "08-bob-recovered");
  });

  test("leaving the room shows a LEAVE line to the others", async () => {
    assert.ok(alice && bob, "needs the users of the first scenario");
    await waitForConnection(bob.page, "online", RECOVERY_TIMEOUT_MS);
    await bob.page.getByTestId("leave-button").click();
    await bob.page.getByText("Pick a room").waitFor();
    assert.equal(new URL(bob.page.url()).searchParams.get("room"), null, "room removed from the URL");
    await waitForMessage(alice.page, `${names.bob} left the room`, "system", RECOVERY_TIMEOUT_MS);
    await waitFor(alice.page, (bobName) => ![...document.querySelectorAll('[data-testid="participant"]')].some((p) => p.textContent.startsWith(bobName)), names.bob);
    await screenshot(alice.page, "09-alice-after-bob-left");
  });

  test("older history loads on scrolling up, keeping the reading position", async () => {
    assert.ok(alice, "needs alice of the first scenario");
    const total = 60; // more than one page of history (50)
    await recordNotices(alice.page);
    const sentFrom = Date.now();
    for (let i = 1; i <= total; i++) await sendMessage(alice.page, `Filler ${i}`);
    await waitForMessage(alice.page, `Filler ${total}`, "own");
    await waitForNoOutgoing(alice.page);
    // Every send was accepted: a refused one (a notice) would be missing for dave too.
    const own = await deliveredMessages(alice.page);
    const notices = await recordedNotices(alice.page);
    for (let i = 1; i <= total; i++) {
      const shown = own.filter((m) => m.content === `Filler ${i}`).length;
      if (shown !== 1) {
        // Say what went over the wire for it: sent, stored (RECEIPT), delivered (MESSAGE), refused?
        const frames = alice.network.frames().filter((f) => f.at >= sentFrom);
        const mine = frames.filter((f) => f.text.includes(`Filler ${i}\\"`));
        const receipts = mine.flatMap((f) => [...f.text.matchAll(/receipt:([^\\]+)\\n/g)].map((m) => `receipt-id:${m[1]}\\n`));
        const wire = frames
          .filter((f) => mine.includes(f) || receipts.some((r) => f.text.includes(r)) || !f.dir.match(/^(in|out)/) || /ERROR|rate-limited/.test(f.text))
          .map((f) => `${f.at - sentFrom} ms ${f.dir}: ${f.text}`);
        assert.fail(`alice sees Filler ${i} ${shown} times, not once; sent ${total} in ${Date.now() - sentFrom} ms; notices: ${JSON.stringify(notices)}; frames: ${JSON.stringify(wire, null, 1)}`);
      }
    }

    const dave = await signIn(suite.browser, `dave-${run}`, { path: `/?room=${roomId}`, viewport: { width: 1024, height: 700 } });
    await waitForRoom(dave.page);
    await waitForMessage(dave.page, `dave-${run} joined the room`, "system");
    await dave.page.getByTestId("history-status").filter({ hasText: "Scroll up for older messages" }).waitFor();
    const firstPage = await deliveredMessages(dave.page);
    assert.ok(!firstPage.some((m) => m.content === "Hello from alice"), "only the newest page at first");

    const scroller = dave.page.getByTestId("message-scroller");
    const anchor = await scroller.evaluate((el) => {
      el.scrollTop = 0; // the scroll event triggers loading the older page
      const first = el.querySelector('[data-testid="message"]');
      return { seq: first.dataset.seq, top: first.getBoundingClientRect().top };
    });
    await waitFor(dave.page, () => document.querySelector('[data-testid="history-status"]')?.textContent === "Beginning of the conversation");
    await waitForMessage(dave.page, "Hello from alice", "other");
    const topAfter = await scroller.evaluate(
      (el, seq) => el.querySelector(`[data-testid="message"][data-seq="${seq}"]`).getBoundingClientRect().top,
      anchor.seq,
    );
    assert.ok(Math.abs(topAfter - anchor.top) <= 2, `message stays in place (${anchor.top} -> ${topAfter})`);
    const all = await deliveredMessages(dave.page);
    const seqs = all.map((m) => m.seq);
    assert.equal(new Set(seqs).size, seqs.length, "no duplicates after paging");
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), "seq order after paging");
    for (let i = 1; i <= total; i++) {
      assert.equal(all.filter((m) => m.content === `Filler ${i}`).length, 1, `Filler ${i} once`);
    }
    await screenshot(dave.page, "10-dave-older-history");
    assert.deepEqual(dave.errors, [], "no uncaught page errors");
    await dave.context.close();
  });
});
