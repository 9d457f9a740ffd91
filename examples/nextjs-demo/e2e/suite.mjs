// Shared set-up of every browser suite: the chat server (started by the tests, or an external one
// waited for; see server.mjs) and one headless chromium, both ended after the suite.
import { after, before } from "node:test";
import { launchBrowser } from "./browser.mjs";
import { startServer, stopServer } from "./server.mjs";

/**
 * Registers the before/after hooks of a suite (call it inside `describe`). The returned object's
 * `browser` is set once the hooks ran.
 */
export function browserSuite() {
  const suite = { browser: undefined };
  before(async () => {
    await startServer();
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await stopServer();
  });
  return suite;
}
