// Presence, typing, unread badges and read receipts (issue 16) in headless Debian chromium.
// Run: npm run e2e   (see README: BASE_URL, CHAT_SERVER_CMD, CHROMIUM_PATH)
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  createRoom,
  onlineCount,
  openListedRoom,
  participantPresence,
  roomItem,
  screenshot,
  sendMessage,
  signIn,
  unreadBadge,
  waitForConnection,
  waitForMessage,
  waitForParticipant,
  waitForRoomList,
} from "./browser.mjs";
import { browserSuite } from "./suite.mjs";

const run = Date.now().toString(36);
const names = { alice: `alice-s-${run}`, bob: `bob-s-${run}` };

describe("presence, typing and read state", { concurrency: false }, () => {
  const suite = browserSuite();
  let alice;
  let bob;
  let mainId;
  let sideId;

  test("alice and bob see each other online in the participant list and the room header", async () => {
    alice = await signIn(suite.browser, names.alice);
    bob = await signIn(suite.browser, names.bob);
    for (const user of [alice, bob]) {
      await waitForConnection(user.page, "online");
      await waitForRoomList(user.page);
    }
    mainId = await createRoom(alice.page, `signals ${run}`);
    await waitForRoomList(bob.page);
    await roomItem(bob.page, mainId).waitFor();
    await openListedRoom(bob.page, mainId);
    await waitForParticipant(alice.page, names.bob);

    for (const [user, self, other] of [
      [alice, names.alice, names.bob],
      [bob, names.bob, names.alice],
    ]) {
      await participantPresence(user.page, other, true).getByTestId("presence-dot").waitFor();
      await participantPresence(user.page, self, true).waitFor();
      await onlineCount(user.page, 2).waitFor();
    }
    assert.equal(await alice.page.getByTestId("online-count").textContent(), "2 online");
    await screenshot(alice.page, "30-alice-presence");
  });

  test("bob typing shows 'bob is typing…' to alice until he sends", async () => {
    assert.ok(mainId, "needs the room of the first scenario");
    const input = bob.page.getByLabel("Message", { exact: true });
    await input.fill("I am typing this");
    const indicator = alice.page.getByTestId("typing-indicator");
    await indicator.filter({ hasText: `${names.bob} is typing…` }).waitFor();
    await screenshot(alice.page, "31-alice-sees-bob-typing");
    assert.equal(await bob.page.getByTestId("typing-indicator").getAttribute("data-active"), "false", "own typing not shown");

    await input.press("Enter");
    await waitForMessage(alice.page, "I am typing this", "other");
    // The message and the end of the indicator arrive together: no waiting for a timeout.
    assert.equal(await indicator.getAttribute("data-active"), "false", "indicator gone once the message is there");
    assert.equal(await indicator.textContent(), "");
  });

  test("a room where bob posts while alice is in another room shows an unread badge until she opens it", async () => {
    assert.ok(mainId, "needs the room of the first scenario");
    sideId = await createRoom(alice.page, `signals side ${run}`);
    await roomItem(bob.page, sideId).waitFor();
    await openListedRoom(bob.page, sideId);
    await waitForParticipant(alice.page, names.bob);
    await openListedRoom(alice.page, mainId);
    assert.equal(await roomItem(alice.page, sideId).getAttribute("data-unread"), "0", "nothing unread yet");

    await sendMessage(bob.page, "Unread one");
    await sendMessage(bob.page, "Unread two");
    await unreadBadge(alice.page, sideId, 2).waitFor();
    assert.equal(await unreadBadge(alice.page, sideId, 2).textContent(), "2 unread");
    await screenshot(alice.page, "32-alice-unread-badge");

    await openListedRoom(alice.page, sideId);
    await waitForMessage(alice.page, "Unread two", "other");
    await unreadBadge(alice.page, sideId).waitFor({ state: "detached" });
    assert.equal(await roomItem(alice.page, sideId).getAttribute("data-unread"), "0");
    // Read on the server too: a reload lists the room without a badge.
    await alice.page.reload();
    await waitForConnection(alice.page, "online");
    await waitForRoomList(alice.page);
    await roomItem(alice.page, sideId).waitFor();
    assert.equal(await unreadBadge(alice.page, sideId).count(), 0, "no badge after a reload");
  });

  test("'Seen by bob' appears under alice's last message once bob opens the room", async () => {
    assert.ok(sideId, "needs the rooms of the earlier scenarios");
    await openListedRoom(bob.page, mainId);
    await openListedRoom(alice.page, sideId);
    await sendMessage(alice.page, "Did you see this?");
    await waitForMessage(alice.page, "Did you see this?", "own");
    await unreadBadge(bob.page, sideId, 1).waitFor();
    assert.equal(await alice.page.getByTestId("seen-by").count(), 0, "not seen while bob is elsewhere");

    await openListedRoom(bob.page, sideId);
    const seen = alice.page.getByTestId("seen-by");
    await seen.filter({ hasText: `Seen by ${names.bob}` }).waitFor();
    const under = await seen.evaluate((el) => {
      const message = el.previousElementSibling;
      return { kind: message?.getAttribute("data-kind"), content: message?.querySelector('[data-testid="message-content"]')?.textContent };
    });
    assert.deepEqual(under, { kind: "own", content: "Did you see this?" }, "under alice's last message");
    // And the other way round: alice read bob's earlier messages, so his last one says so.
    await bob.page.getByTestId("seen-by").filter({ hasText: `Seen by ${names.alice}` }).waitFor();
    const bobsLast = await bob.page.getByTestId("seen-by").evaluate(
      (el) => el.previousElementSibling?.querySelector('[data-testid="message-content"]')?.textContent,
    );
    assert.equal(bobsLast, "Unread two", "under bob's own last message");
    await unreadBadge(bob.page, sideId).waitFor({ state: "detached" });
    await screenshot(alice.page, "33-alice-seen-by-bob");
  });

  test("when bob closes his page, alice sees him go offline", async () => {
    assert.ok(sideId, "needs the rooms of the earlier scenarios");
    await participantPresence(alice.page, names.bob, true).waitFor();
    await onlineCount(alice.page, 2).waitFor();
    assert.deepEqual(bob.errors, [], "no uncaught page errors for bob");
    await bob.context.close();

    // Offline after the server's grace (chatstack.presence.grace, 1 s in run-e2e.sh, 5 s by default).
    await participantPresence(alice.page, names.bob, false).waitFor();
    await onlineCount(alice.page, 1).waitFor();
    await participantPresence(alice.page, names.alice, true).waitFor();
    await screenshot(alice.page, "34-alice-bob-offline");
    assert.deepEqual(alice.errors, [], "no uncaught page errors for alice");
  });
});
