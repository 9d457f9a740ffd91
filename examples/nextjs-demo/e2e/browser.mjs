// Thin helpers over playwright-core: launch Debian chromium, sign users in, and wait for UI
// states with Playwright's auto-waiting (waitForFunction / locators), never fixed sleeps.
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { ARTIFACTS_DIR, BASE_URL, CHROMIUM_PATH, TIMEOUT_MS } from "./config.mjs";

/** How many frames (both ways) each user's network keeps for failure messages, and how much of each. */
const FRAME_LOG_SIZE = 3000;
const FRAME_LOG_CHARS = 8000;

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A fresh browser context (own localStorage) signed in as {@code username}. Its traffic to the
 * SockJS endpoint passes through Playwright routes, so {@code network.cut()} can drop this user's
 * connection alone (and refuse new ones) until {@code network.restore()}.
 */
export async function signIn(browser, username, { path = "/", viewport = { width: 1280, height: 800 } } = {}) {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(TIMEOUT_MS);
  const network = await controllableNetwork(context);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error));
  await page.goto(BASE_URL + path);
  await page.getByLabel("Your user name").fill(username);
  await page.getByRole("button", { name: "Start chatting" }).click();
  await page.getByTestId("current-user").filter({ hasText: username }).waitFor();
  return { context, page, username, errors, network };
}

async function controllableNetwork(context) {
  let blocked = false;
  let swallowIncoming = false;
  let swallowOutgoing = false;
  const open = new Set();
  // The newest frames both ways (for failure messages): {at, dir, text}; dir is "in" or "out"
  // (with " (dropped)" when the test swallows it), "open" (text: the URL) or "close".
  const frames = [];
  const keep = (dir, message) => {
    frames.push({ at: Date.now(), dir, text: String(message).slice(0, FRAME_LOG_CHARS) });
    if (frames.length > FRAME_LOG_SIZE) frames.splice(0, frames.length - FRAME_LOG_SIZE);
  };
  await context.routeWebSocket(/\/ws\//, (ws) => {
    if (blocked) {
      ws.close({ code: 4000, reason: "network cut by the test" });
      return;
    }
    const server = ws.connectToServer();
    const entry = { ws, server };
    open.add(entry);
    keep("open", ws.url());
    ws.onClose(() => {
      open.delete(entry);
      keep("close", "");
    });
    // Forward server frames unless the test swallows them (e.g. to lose a RECEIPT).
    server.onMessage((message) => {
      keep(swallowIncoming ? "in (dropped)" : "in", message);
      if (!swallowIncoming) ws.send(message);
    });
    ws.onMessage((message) => {
      keep(swallowOutgoing ? "out (dropped)" : "out", message);
      if (!swallowOutgoing) server.send(message);
    });
  });
  await context.route(/\/ws\//, (route) => (blocked ? route.abort("internetdisconnected") : route.continue()));
  return {
    /** The newest frames both ways, with the opening and closing of sockets, oldest first. */
    frames() {
      return [...frames];
    },
    async cut() {
      blocked = true;
      for (const { ws, server } of open) {
        await ws.close({ code: 4000, reason: "network cut by the test" }).catch(() => undefined);
        await server.close().catch(() => undefined);
      }
      open.clear();
    },
    restore() {
      blocked = false;
      swallowIncoming = false;
      swallowOutgoing = false;
    },
    /** Browser-to-server frames are dropped from now on (until restore). */
    swallowOutgoing() {
      swallowOutgoing = true;
    },
    /** Server-to-browser frames are dropped from now on (until restore). */
    swallowIncoming() {
      swallowIncoming = true;
    },
  };
}

/** Waits until the connection indicator shows {@code state}. */
export async function waitForConnection(page, state, timeout = TIMEOUT_MS) {
  await page.locator(`[data-testid="connection-state"][data-state="${state}"]`).waitFor({ timeout });
}

/** Waits until the open room is loaded and returns its id. */
export async function waitForRoom(page) {
  const room = page.locator('[data-testid="chat-room"][data-status="ready"]');
  await room.waitFor();
  return Number(await room.getAttribute("data-room-id"));
}

/** Waits until a room other than {@code previousId} is loaded (after switching) and returns its id. */
export async function waitForOtherRoom(page, previousId) {
  const room = page.locator(`[data-testid="chat-room"][data-status="ready"]:not([data-room-id="${previousId}"])`);
  await room.waitFor();
  return Number(await room.getAttribute("data-room-id"));
}

/** Types a message and presses Enter. */
export async function sendMessage(page, text) {
  const input = page.getByLabel("Message", { exact: true });
  await input.fill(text);
  await waitFor(page, () => !document.querySelector('[data-testid="send-button"]')?.disabled);
  await input.press("Enter");
  await waitFor(page, () => document.querySelector('[data-testid="composer-input"]')?.value === "");
}

/** Messages delivered into the list (not pending), as {kind, sender, content, seq}. */
export async function deliveredMessages(page) {
  return page.$$eval('[data-testid="message-list"] [data-testid="message"]', (items) =>
    items.map((li) => ({
      kind: li.getAttribute("data-kind"),
      sender: li.getAttribute("data-sender"),
      seq: Number(li.getAttribute("data-seq")),
      content: (li.querySelector('[data-testid="message-content"]') ?? li.querySelector("p"))?.textContent ?? "",
    })),
  );
}

/** Waits until a delivered message with exactly this content (and kind, if given) shows. */
export async function waitForMessage(page, content, kind, timeout = TIMEOUT_MS) {
  await waitFor(
    page,
    ([text, k]) =>
      [...document.querySelectorAll('[data-testid="message-list"] [data-testid="message"]')].some(
        (li) =>
          (k === null || li.getAttribute("data-kind") === k) &&
          (li.querySelector('[data-testid="message-content"]') ?? li.querySelector("p"))?.textContent?.startsWith(text),
      ),
    [content, kind ?? null],
    timeout,
  );
}

/**
 * Records every notice the page shows from now on (the page keeps only the newest few), for
 * failure messages; read them with {@link recordedNotices}. Lasts until the page reloads.
 */
export async function recordNotices(page) {
  await page.evaluate(() => {
    const seen = new WeakSet();
    const recorded = [];
    window.__recordedNotices = recorded;
    const collect = () => {
      for (const n of document.querySelectorAll('[data-testid="notice"]')) {
        if (seen.has(n)) continue;
        seen.add(n);
        recorded.push(`${n.getAttribute("data-code") ?? "-"}: ${n.textContent}`);
      }
    };
    collect();
    new MutationObserver(collect).observe(document.body, { subtree: true, childList: true });
  });
}

/** Every notice shown since {@link recordNotices}, oldest first. */
export async function recordedNotices(page) {
  return page.evaluate(() => window.__recordedNotices ?? []);
}

/** Waits until nothing is pending or awaiting its own delivery. */
export async function waitForNoOutgoing(page, timeout = TIMEOUT_MS) {
  await waitFor(page, () => document.querySelectorAll('[data-testid="outgoing-message"]').length === 0, undefined, timeout);
}

/** Polls a predicate in the page until true (Playwright's waitForFunction). */
export async function waitFor(page, predicate, arg, timeout = TIMEOUT_MS) {
  await page.waitForFunction(predicate, arg, { timeout });
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS_DIR}/${name}.png`, fullPage: true });
}

/** The list entry of a room (public and private rooms, and direct messages). */
export function roomItem(page, roomId) {
  return page.locator(`[data-testid="room-item"][data-room-id="${roomId}"]`);
}

/** Waits until the room list was loaded from the server. */
export async function waitForRoomList(page) {
  await page.locator('[data-testid="room-list"][data-status="ready"]').waitFor({ state: "attached" });
}

/** Waits until the open room lists {@code name} as a participant. */
export async function waitForParticipant(page, name) {
  await page.locator(`[data-testid="participant"][data-name="${name}"]`).waitFor();
}

/** Creates a public room from the room list form and returns its id once it is open. */
export async function createRoom(page, name) {
  await page.getByLabel("New room name").fill(name);
  await page.getByRole("button", { name: "Create" }).click();
  const item = page.locator(`[data-testid="room-item"][data-label="${name}"]`);
  await item.waitFor();
  const roomId = Number(await item.getAttribute("data-room-id"));
  await page.locator(`[data-testid="chat-room"][data-status="ready"][data-room-id="${roomId}"]`).waitFor();
  return roomId;
}

/** Opens a listed room (joining a public one) and waits until it is loaded. */
export async function openListedRoom(page, roomId) {
  await roomItem(page, roomId).click();
  await page.locator(`[data-testid="chat-room"][data-status="ready"][data-room-id="${roomId}"]`).waitFor();
}

/** The open room's participant entry of {@code name}, shown online (true) or offline (false). */
export function participantPresence(page, name, online) {
  return page.locator(`[data-testid="participant"][data-name="${name}"][data-online="${online}"]`);
}

/** The open room's online count, once it shows {@code count}. */
export function onlineCount(page, count) {
  return page.locator(`[data-testid="online-count"][data-count="${count}"]`);
}

/** The unread badge of a room in the list, showing {@code count} (any count when omitted). */
export function unreadBadge(page, roomId, count) {
  const badge = roomItem(page, roomId).getByTestId("unread-badge");
  return count === undefined ? badge : roomItem(page, roomId).locator(`[data-testid="unread-badge"][data-count="${count}"]`);
}
