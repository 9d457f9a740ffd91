// Moderation (issue 18) in headless Debian chromium (BASE_URL): role badges, kick, ban, mute,
// rename, delete, SYSTEM lines. Run: npm run e2e   (see README: BASE_URL, CHAT_SERVER_CMD, CHROMIUM_PATH)
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  createRoom,
  openListedRoom,
  roomItem,
  screenshot,
  sendMessage,
  signIn,
  waitFor,
  waitForConnection,
  waitForMessage,
  waitForParticipant,
  waitForRoomList,
} from "./browser.mjs";
import { browserSuite } from "./suite.mjs";

const run = Date.now().toString(36);
const names = { alice: `alice-m-${run}`, bob: `bob-m-${run}`, carol: `carol-m-${run}` };

/** The participant row of {@code name} in the open room. */
const row = (page, name) => page.locator(`[data-testid="participant"][data-name="${name}"]`);

/** The chat message whose content is exactly {@code text}. */
function chatMessage(page, text) {
  return page.getByTestId("message").filter({ has: page.getByTestId("message-content").getByText(text, { exact: true }) });
}

/** Waits for a centered SYSTEM line starting with {@code text}. */
async function waitForSystemLine(page, text) {
  await waitFor(
    page,
    (t) =>
      [...document.querySelectorAll('[data-testid="message-list"] [data-testid="message"][data-type="SYSTEM"]')].some((li) =>
        li.querySelector("p")?.textContent?.startsWith(t),
      ),
    text,
  );
}

/** Waits for a notice with {@code code} and returns its text. */
async function noticeWithCode(page, code) {
  const notice = page.locator(`[data-testid="notice"][data-code="${code}"]`).last();
  await notice.waitFor();
  return notice.textContent();
}

/**
 * Waits for the notice that tells the user they lost the room and returns its text. It names the
 * actor when the SYSTEM message came before the revocation, else it is the generic one.
 */
async function removalNotice(page, before) {
  const notices = page.locator('[data-testid="notice"][data-tone="info"]');
  await waitFor(page, (n) => document.querySelectorAll('[data-testid="notice"][data-tone="info"]').length > n, before);
  return notices.last().textContent();
}

/** How many info notices the page shows now. */
const infoNotices = (page) => page.locator('[data-testid="notice"][data-tone="info"]').count();

async function users(suite) {
  const alice = await signIn(suite.browser, names.alice);
  const bob = await signIn(suite.browser, names.bob);
  const carol = await signIn(suite.browser, names.carol);
  for (const user of [alice, bob, carol]) {
    await waitForConnection(user.page, "online");
    await waitForRoomList(user.page);
  }
  return { alice, bob, carol };
}

/** alice creates a public room; the others join it; everyone has it open. */
async function roomWithAll({ alice, bob, carol }, name) {
  const roomId = await createRoom(alice.page, name);
  for (const user of [bob, carol]) {
    await roomItem(user.page, roomId).waitFor();
    await openListedRoom(user.page, roomId);
    await waitForParticipant(alice.page, user.username);
  }
  return roomId;
}

describe("moderation", { concurrency: false }, () => {
  const suite = browserSuite();
  let u;

  test("system messages: the owner makes a moderator; badges and the SYSTEM line show for everyone", async () => {
    u = await users(suite);
    await roomWithAll(u, `roles ${run}`);
    const { alice, bob, carol } = u;
    await row(alice.page, alice.username).locator('[data-testid="role-badge"][data-role="OWNER"]').waitFor();
    // bob, a member, is offered nothing; alice, the owner, nothing on herself.
    assert.equal(await row(bob.page, carol.username).locator('[data-testid^="participant-"]').count(), 0);
    assert.equal(await row(alice.page, alice.username).locator('[data-testid^="participant-"]').count(), 0);

    await row(alice.page, carol.username).getByTestId("participant-make-moderator").click();
    for (const user of [alice, bob, carol]) {
      await waitForSystemLine(user.page, `${carol.username} was made a moderator by ${alice.username}`);
      await row(user.page, carol.username).locator('[data-testid="role-badge"][data-role="MODERATOR"]').waitFor();
    }
    // carol, now a moderator, may act on bob (a member) but not on alice (the owner).
    await row(carol.page, bob.username).getByTestId("participant-kick").waitFor();
    assert.equal(await row(carol.page, alice.username).locator('[data-testid^="participant-"]').count(), 0);
    await screenshot(bob.page, "60-moderation-roles");
  });

  test("mute: the muted user's send shows the muted error", async () => {
    const { alice, bob, carol } = u;
    await row(alice.page, bob.username).getByTestId("participant-mute").click();
    await waitForSystemLine(bob.page, `${bob.username} was muted by ${alice.username}`);
    await row(alice.page, bob.username).getByTestId("participant-unmute").waitFor();
    await sendMessage(bob.page, "can anyone hear me");
    const text = await noticeWithCode(bob.page, "muted");
    assert.match(text, /You are muted in this room/);
    // unmuted, bob is heard again
    await row(alice.page, bob.username).getByTestId("participant-unmute").click();
    await waitForSystemLine(bob.page, `${bob.username} was unmuted by ${alice.username}`);
    await sendMessage(bob.page, "back again");
    await waitForMessage(carol.page, "back again", "other");
    await screenshot(bob.page, "61-moderation-muted");
  });

  test("a moderator deletes a member's message but is not offered the owner's", async () => {
    const { alice, bob, carol } = u;
    const ownerText = `the owner speaks ${run}`;
    await sendMessage(alice.page, ownerText);
    await waitForMessage(carol.page, ownerText, "other");
    await waitForMessage(carol.page, "back again", "other");
    await waitForMessage(bob.page, ownerText, "other");
    // carol (moderator): Delete on bob's (a member's) message, none on alice's (the owner's)
    assert.equal(await chatMessage(carol.page, ownerText).getByTestId("delete-button").count(), 0);
    // bob (member): no Delete on others' messages
    assert.equal(await chatMessage(bob.page, ownerText).getByTestId("delete-button").count(), 0);
    await chatMessage(carol.page, "back again").getByTestId("delete-button").click();
    for (const user of [alice, bob, carol]) {
      await user.page
        .locator('[data-testid="message-list"] [data-testid="message"]')
        .filter({ has: user.page.getByTestId("message-deleted") })
        .first()
        .waitFor();
      assert.equal(await chatMessage(user.page, "back again").count(), 0);
    }
    await screenshot(bob.page, "62-moderation-deleted-by-moderator");
  });

  test("rename shows the new name for both users", async () => {
    const { alice, bob } = u;
    const newName = `renamed ${run}`;
    await alice.page.getByTestId("rename-button").click();
    await alice.page.getByTestId("rename-input").fill(newName);
    await alice.page.getByTestId("rename-save").click();
    for (const user of [alice, bob]) {
      await user.page.getByTestId("room-title").filter({ hasText: newName }).waitFor();
      await user.page.locator(`[data-testid="room-item"][data-label="${newName}"]`).waitFor();
      await waitForSystemLine(user.page, `${alice.username} renamed the room to ${newName}`);
    }
    // a member is not offered Rename
    assert.equal(await bob.page.getByTestId("rename-button").count(), 0);
  });

  test("kick: the other browser sees the removal", async () => {
    const { alice, bob } = u;
    const before = await infoNotices(bob.page);
    await row(alice.page, bob.username).getByTestId("participant-kick").click();
    const text = await removalNotice(bob.page, before);
    assert.match(text, new RegExp(`removed from .* by ${alice.username}|no longer a participant`));
    await bob.page.getByTestId("chat-room").waitFor({ state: "detached" });
    await row(alice.page, bob.username).waitFor({ state: "detached" });
    await waitForSystemLine(alice.page, `${bob.username} was removed by ${alice.username}`);
    await screenshot(bob.page, "62-moderation-kicked");
    // a kick is no ban: bob may come back
    await openListedRoom(bob.page, Number(await alice.page.getByTestId("chat-room").getAttribute("data-room-id")));
    await waitForParticipant(alice.page, bob.username);
  });

  test("ban: the banned user's rejoin is refused with a visible error", async () => {
    const { alice, bob } = u;
    const roomId = Number(await alice.page.getByTestId("chat-room").getAttribute("data-room-id"));
    const before = await infoNotices(bob.page);
    await row(alice.page, bob.username).getByTestId("participant-ban").click();
    const text = await removalNotice(bob.page, before);
    assert.match(text, /banned from|no longer a participant/);
    await bob.page.getByTestId("chat-room").waitFor({ state: "detached" });
    await waitForSystemLine(alice.page, `${bob.username} was banned by ${alice.username}`);

    await roomItem(bob.page, roomId).click();
    const error = bob.page.locator('[data-testid="room-error"][data-code="banned"]');
    await error.waitFor();
    assert.equal(await row(alice.page, bob.username).count(), 0, "bob did not get back in");
    await screenshot(bob.page, "63-moderation-banned");
  });

  test("delete room removes it from both lists", async () => {
    const { alice, carol } = u;
    const roomId = Number(await alice.page.getByTestId("chat-room").getAttribute("data-room-id"));
    await roomItem(carol.page, roomId).waitFor();
    // a moderator is not offered Delete
    assert.equal(await carol.page.getByTestId("delete-room-button").count(), 0);
    const before = await infoNotices(carol.page);
    alice.page.once("dialog", (dialog) => void dialog.accept());
    await alice.page.getByTestId("delete-room-button").click();
    for (const user of [alice, carol]) {
      await roomItem(user.page, roomId).waitFor({ state: "detached" });
      await user.page.getByTestId("chat-room").waitFor({ state: "detached" });
    }
    const text = await removalNotice(carol.page, before);
    assert.match(text, new RegExp(`was deleted by ${alice.username}|no longer a participant`));
    await screenshot(carol.page, "64-moderation-deleted");
  });
});
