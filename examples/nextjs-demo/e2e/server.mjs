// Lifecycle of the chat server under test.
//
// With CHAT_SERVER_CMD set, the tests own the server: the command runs via `bash -c` in its own
// process group (stopping kills the whole group, so wrappers like ./mvnw take the JVM along) and
// its output goes to e2e-artifacts/server.log. Without it, the server is managed externally: the
// tests only wait for it, and restart scenarios are skipped.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { once } from "node:events";
import { ARTIFACTS_DIR, BASE_URL } from "./config.mjs";

const CMD = process.env.CHAT_SERVER_CMD || "";
const START_TIMEOUT_MS = Number(process.env.CHAT_SERVER_START_TIMEOUT_MS || 180_000);
const STOP_TIMEOUT_MS = 30_000;
const POLL_MS = 250;

export const RESTART_SKIP_REASON =
  "CHAT_SERVER_CMD is not set: the server at BASE_URL is managed externally and cannot be restarted by the tests";

/** Whether the tests start, stop and restart the server themselves. */
export function serverManaged() {
  return CMD !== "";
}

let child = null;
let exited = null;
let starts = 0;

/** Starts the server (managed) or waits for the external one; resolves once /api/rooms answers. */
export async function startServer() {
  if (!serverManaged()) {
    await waitUntil(() => answers(), Math.min(START_TIMEOUT_MS, 60_000), () => `no chat server answers at ${BASE_URL}/api/rooms (start it, or set CHAT_SERVER_CMD)`);
    return;
  }
  if (child) return;
  if (await answers()) {
    throw new Error(`Something already answers at ${BASE_URL}; stop it or unset CHAT_SERVER_CMD to use it`);
  }
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const log = createWriteStream(`${ARTIFACTS_DIR}/server.log`, { flags: starts === 0 ? "w" : "a" });
  await once(log, "open");
  log.write(`\n=== start #${++starts}: ${CMD}\n`);
  child = spawn("bash", ["-c", CMD], { detached: true, stdio: ["ignore", log, log], env: process.env });
  exited = once(child, "exit").then(([code, signal]) => ({ code, signal }));
  let exitInfo = null;
  exited.then((info) => (exitInfo = info));
  await waitUntil(
    async () => {
      if (exitInfo) throw new Error(`server command exited early (${JSON.stringify(exitInfo)}); see ${ARTIFACTS_DIR}/server.log`);
      return answers();
    },
    START_TIMEOUT_MS,
    () => `the server did not answer at ${BASE_URL}/api/rooms within ${START_TIMEOUT_MS} ms; see ${ARTIFACTS_DIR}/server.log`,
  );
}

/** Stops a managed server (SIGTERM to its process group, SIGKILL after a grace period). */
export async function stopServer() {
  if (!child) return;
  const group = -child.pid;
  signalGroup(group, "SIGTERM");
  let timer;
  const stopped = await Promise.race([
    exited.then(() => true),
    new Promise((resolve) => (timer = setTimeout(() => resolve(false), STOP_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
  if (!stopped) {
    signalGroup(group, "SIGKILL");
    await exited;
  }
  // Children of the shell may outlive it briefly: make sure nothing answers any more.
  await waitUntil(async () => !(await answers()), STOP_TIMEOUT_MS, () => "the server still answers after being stopped").catch(
    () => signalGroup(group, "SIGKILL"),
  );
  child = null;
  exited = null;
}

/** Stops and starts a managed server. Throws (callers skip) when the server is external. */
export async function restartServer() {
  if (!serverManaged()) throw new Error(RESTART_SKIP_REASON);
  await stopServer();
  await startServer();
}

async function answers() {
  try {
    // Dev-mode identity: the REST API answers only requests that say who is asking.
    const response = await fetch(`${BASE_URL}/api/rooms`, {
      headers: { "X-Chat-User": "e2e-probe" },
      signal: AbortSignal.timeout(2_000),
    });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

async function waitUntil(check, timeoutMs, describe) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(describe());
    await delay(POLL_MS); // polling interval of a readiness probe, not a synchronisation sleep
  }
}

function signalGroup(group, signal) {
  try {
    process.kill(group, signal);
  } catch {
    // already gone
  }
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
