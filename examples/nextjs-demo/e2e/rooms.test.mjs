// Private rooms, invitations and direct messages in headless Debian chromium (BASE_URL).
// Run: npm run e2e   (see README: BASE_URL, CHAT_SERVER_CMD, CHROMIUM_PATH)
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  roomItem,
  screenshot,
  sendMessage,
  signIn,
  waitFor,
  waitForConnection,
  waitForMessage,
  waitForOtherRoom,
  waitForParticipant,
  waitForRoom,
  waitForRoomList,
} from "./browser.mjs";
import { BASE_URL } from "./config.mjs";
import { browserSuite } from "./suite.mjs";

const run = Date.now().toString(36);
const names = { alice: `alice-p-${run}`, bob: `bob-p-${run}`, carol: `carol-p-${run}` };
const roomName = `private plans ${run}`;

describe("private rooms and direct messages", { concurrency: false }, () => {
  const suite = browserSuite();
  let alice;
  let bob;
  let carol;
  let roomId;
  let directId;

  test("alice creates a private room and invites bob; bob sees it live, carol never", async () => {
    alice = await signIn(suite.browser, names.alice);
    bob = await signIn(suite.browser, names.bob);
    carol = await signIn(suite.browser, names.carol);
    for (const user of [alice, bob, carol]) {
      await waitForConnection(user.page, "online");
      await waitForRoomList(user.page);
    }

    await alice.page.getByLabel("New room name").fill(roomName);
    await alice.page.getByLabel("Private", { exact: true }).check();
    await alice.page.getByRole("button", { name: "Create" }).click();
    roomId = await waitForRoom(alice.page);
    assert.equal(await roomItem(alice.page, roomId).getAttribute("data-visibility"), "PRIVATE");
    await roomItem(alice.page, roomId).getByTestId("private-marker").waitFor();
    await alice.page.getByTestId("room-private-marker").waitFor();

    await alice.page.getByLabel("Invite user").fill(names.bob);
    await alice.page.getByRole("button", { name: "Invite", exact: true }).click();
    await waitForParticipant(alice.page, names.bob);
    assert.equal(await alice.page.getByLabel("Invite user").inputValue(), "", "invite input cleared");

    // bob is told by a JOINED event: the room appears without a reload.
    await roomItem(bob.page, roomId).waitFor();
    await roomItem(bob.page, roomId).getByTestId("private-marker").waitFor();
    await roomItem(bob.page, roomId).click();
    await waitForRoom(bob.page);
    await waitForParticipant(bob.page, names.alice);
    await sendMessage(alice.page, "Private hello");
    await waitForMessage(bob.page, "Private hello", "other");
    await screenshot(alice.page, "20-alice-private-room");
    await screenshot(bob.page, "21-bob-private-room");

    // carol: not live, not after a reload, not through the URL.
    assert.equal(await roomItem(carol.page, roomId).count(), 0, "carol's live list has no private room");
    await carol.page.reload();
    await waitForConnection(carol.page, "online");
    await waitForRoomList(carol.page);
    assert.equal(await roomItem(carol.page, roomId).count(), 0, "carol's fetched list has no private room");
    await carol.page.goto(`${BASE_URL}/?room=${roomId}`);
    await carol.page.getByTestId("room-error").waitFor();
    await waitForRoomList(carol.page);
    assert.equal(await roomItem(carol.page, roomId).count(), 0, "opening by URL does not list it");
    await waitFor(alice.page, () => document.querySelectorAll('[data-testid="participant"]').length === 2);
    await screenshot(carol.page, "22-carol-no-access");
  });

  test("alice opens a direct message with bob from the participant list and they chat", async () => {
    assert.ok(roomId, "needs the private room of the first scenario");
    await alice.page
      .locator(`[data-testid="participant"][data-name="${names.bob}"]`)
      .getByRole("button", { name: `Message ${names.bob}` })
      .click();
    directId = await waitForOtherRoom(alice.page, roomId);
    assert.notEqual(directId, roomId, "a room of its own");
    assert.match(alice.page.url(), new RegExp(`[?&]room=${directId}\\b`), "direct room held in the URL");
    await alice.page.getByTestId("room-title").filter({ hasText: `@${names.bob}` }).waitFor();
    await alice.page.getByTestId("room-direct-marker").waitFor();
    assert.equal(await alice.page.getByTestId("leave-button").count(), 0, "nobody leaves a direct room");
    const aliceEntry = alice.page.getByTestId("direct-list").locator(`[data-room-id="${directId}"]`);
    assert.equal(await aliceEntry.getAttribute("data-label"), `@${names.bob}`);

    const bobEntry = bob.page.getByTestId("direct-list").locator(`[data-room-id="${directId}"]`);
    await bobEntry.waitFor();
    assert.equal(await bobEntry.getAttribute("data-label"), `@${names.alice}`);
    await bobEntry.click();
    await waitForOtherRoom(bob.page, roomId);
    await bob.page.getByTestId("room-title").filter({ hasText: `@${names.alice}` }).waitFor();

    await sendMessage(alice.page, "Hi bob, just between us");
    await waitForMessage(bob.page, "Hi bob, just between us", "other");
    await sendMessage(bob.page, "Hi alice, got it");
    await waitForMessage(alice.page, "Hi alice, got it", "other");
    await waitForMessage(alice.page, "Hi bob, just between us", "own");
    await screenshot(alice.page, "23-alice-direct");
    await screenshot(bob.page, "24-bob-direct");

    // The same pair always gets the same direct room.
    await roomItem(alice.page, roomId).click();
    await waitForOtherRoom(alice.page, directId);
    await alice.page.getByRole("button", { name: `Message ${names.bob}` }).click();
    assert.equal(await waitForOtherRoom(alice.page, roomId), directId, "the same direct room again");
    await waitForMessage(alice.page, "Hi alice, got it", "other");
    assert.equal(await alice.page.getByTestId("direct-list").getByTestId("room-item").count(), 1, "one direct room for the pair");

    await waitForRoomList(carol.page);
    assert.equal(await roomItem(carol.page, directId).count(), 0, "carol does not see the direct room");
  });

  test("leaving a private room removes it and closes it on the user's other pages", async () => {
    assert.ok(roomId && directId, "needs the rooms of the earlier scenarios");
    // bob's second page (same browser profile) shows the private room.
    const second = await bob.context.newPage();
    await second.goto(`${BASE_URL}/?room=${roomId}`);
    await waitForRoom(second);
    await waitForConnection(second, "online");

    await roomItem(bob.page, roomId).click();
    await waitForOtherRoom(bob.page, directId);
    await bob.page.getByTestId("leave-button").click();
    await bob.page.getByText("Pick a room").waitFor();
    await roomItem(bob.page, roomId).waitFor({ state: "detached" });

    // The server ended the other page's subscription: closed with a notice, not reopened.
    await second.getByTestId("notice").filter({ hasText: "You are no longer a participant of" }).waitFor();
    await second.getByText("Pick a room").waitFor();
    await roomItem(second, roomId).waitFor({ state: "detached" });
    assert.equal(new URL(second.url()).searchParams.get("room"), null, "room removed from the URL");
    await screenshot(second, "25-bob-removed-elsewhere");

    await roomItem(alice.page, roomId).click();
    await waitForOtherRoom(alice.page, directId);
    await waitFor(
      alice.page,
      (bobName) => ![...document.querySelectorAll('[data-testid="participant"]')].some((p) => p.dataset.name === bobName),
      names.bob,
    );
    await waitForMessage(alice.page, `${names.bob} left the room`, "system");
    for (const user of [alice, bob, carol]) assert.deepEqual(user.errors, [], `no uncaught page errors for ${user.username}`);
    await second.close();
  });
});
