// Edit, delete, reactions and replies (issue 17) in headless Debian chromium.
// Run: npm run e2e   (see README: BASE_URL, CHAT_SERVER_CMD, CHROMIUM_PATH)
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  createRoom,
  openListedRoom,
  roomItem,
  screenshot,
  sendMessage,
  signIn,
  waitForConnection,
  waitForMessage,
  waitForParticipant,
  waitForRoomList,
} from "./browser.mjs";
import { browserSuite } from "./suite.mjs";

const run = Date.now().toString(36);
const names = { alice: `alice-l-${run}`, bob: `bob-l-${run}` };

/** The delivered message whose text is exactly {@code text}. */
function message(page, text) {
  return page
    .getByTestId("message")
    .filter({ has: page.getByTestId("message-content").getByText(text, { exact: true }) });
}

/** The delivered message with this seq (stable across edits and deletes). */
function bySeq(page, seq) {
  return page.locator(`[data-testid="message-list"] [data-testid="message"][data-seq="${seq}"]`);
}

describe("edit, delete, react, reply", { concurrency: false }, () => {
  const suite = browserSuite();
  let alice;
  let bob;
  let roomId;
  let editedSeq;
  let deletedSeq;

  test("alice edits her message: bob sees the new text marked edited", async () => {
    alice = await signIn(suite.browser, names.alice);
    bob = await signIn(suite.browser, names.bob);
    for (const user of [alice, bob]) {
      await waitForConnection(user.page, "online");
      await waitForRoomList(user.page);
    }
    roomId = await createRoom(alice.page, `lifecycle ${run}`);
    await roomItem(bob.page, roomId).waitFor();
    await openListedRoom(bob.page, roomId);
    await waitForParticipant(alice.page, names.bob);

    await sendMessage(alice.page, "Helo bob");
    await sendMessage(alice.page, "A mistake");
    await waitForMessage(bob.page, "A mistake", "other");
    editedSeq = await message(bob.page, "Helo bob").getAttribute("data-seq");
    deletedSeq = await message(bob.page, "A mistake").getAttribute("data-seq");
    assert.equal(await message(bob.page, "Helo bob").getByTestId("edit-button").count(), 0, "no Edit on others' messages");

    const own = message(alice.page, "Helo bob");
    await own.getByTestId("edit-button").click();
    await own.getByTestId("edit-input").fill("Hello bob");
    await own.getByTestId("edit-save").click();

    const seen = bySeq(bob.page, editedSeq);
    await seen.getByTestId("message-content").getByText("Hello bob", { exact: true }).waitFor();
    await seen.getByTestId("edited-label").waitFor();
    await bySeq(alice.page, editedSeq).getByTestId("edited-label").waitFor();
    await screenshot(bob.page, "40-bob-sees-edit");
  });

  test("alice deletes a message: bob sees 'message deleted' in its place", async () => {
    assert.ok(deletedSeq, "needs the messages of the first scenario");
    await message(alice.page, "A mistake").getByTestId("delete-button").click();
    await bySeq(bob.page, deletedSeq).getByTestId("message-deleted").waitFor();
    await bySeq(alice.page, deletedSeq).getByTestId("message-deleted").waitFor();
    assert.equal(await bySeq(bob.page, deletedSeq).getByTestId("message-content").count(), 0);
    assert.equal(await bySeq(bob.page, deletedSeq).getByTestId("reaction-bar").count(), 0);
  });

  test("bob reacts 👍: alice sees the count; a second click takes it back", async () => {
    assert.ok(editedSeq, "needs the messages of the first scenario");
    const button = (page) => bySeq(page, editedSeq).locator('[data-testid="reaction"][data-emoji="👍"]');
    await button(bob.page).click();
    await bySeq(alice.page, editedSeq).locator('[data-testid="reaction"][data-emoji="👍"][data-count="1"]').waitFor();
    assert.equal(await button(alice.page).textContent(), "👍 1");
    assert.equal(await button(alice.page).getAttribute("title"), names.bob);
    await bySeq(bob.page, editedSeq).locator('[data-testid="reaction"][data-emoji="👍"][aria-pressed="true"]').waitFor();
    await screenshot(alice.page, "41-alice-sees-reaction");

    await button(bob.page).click();
    await bySeq(alice.page, editedSeq).locator('[data-testid="reaction"][data-emoji="👍"][data-count="0"]').waitFor();
    await button(bob.page).click();
    await bySeq(alice.page, editedSeq).locator('[data-testid="reaction"][data-emoji="👍"][data-count="1"]').waitFor();
  });

  test("bob replies to alice's message: both see the quote of the original", async () => {
    assert.ok(editedSeq, "needs the messages of the first scenario");
    await bySeq(bob.page, editedSeq).getByTestId("reply-button").click();
    await bob.page.getByTestId("reply-banner").filter({ hasText: `Replying to ${names.alice}: Hello bob` }).waitFor();
    await sendMessage(bob.page, "Hi alice");
    await bob.page.getByTestId("reply-banner").waitFor({ state: "detached" });
    for (const [page, kind] of [
      [alice.page, "other"],
      [bob.page, "own"],
    ]) {
      await waitForMessage(page, "Hi alice", kind);
      const quote = message(page, "Hi alice").getByTestId("reply-quote");
      assert.equal(await quote.textContent(), `↪ ${names.alice}: Hello bob`);
    }
    await screenshot(alice.page, "42-alice-sees-reply");
  });

  test("after a reload, history shows the same state", async () => {
    assert.ok(deletedSeq, "needs the earlier scenarios");
    await alice.page.reload();
    await waitForConnection(alice.page, "online");
    await waitForRoomList(alice.page);
    await openListedRoom(alice.page, roomId);
    await waitForMessage(alice.page, "Hi alice", "other");
    const edited = bySeq(alice.page, editedSeq);
    assert.equal(await edited.getByTestId("message-content").textContent(), "Hello bob");
    assert.equal(await edited.getByTestId("edited-label").count(), 1);
    assert.equal(await edited.locator('[data-testid="reaction"][data-emoji="👍"]').getAttribute("data-count"), "1");
    assert.equal(await bySeq(alice.page, deletedSeq).getByTestId("message-deleted").count(), 1);
    assert.equal(
      await message(alice.page, "Hi alice").getByTestId("reply-quote").textContent(),
      `↪ ${names.alice}: Hello bob`,
    );
    await alice.context.close();
    await bob.context.close();
  });
});
