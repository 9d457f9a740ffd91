import { fileURLToPath } from "node:url";

/** Where the UI and the API are served. */
export const BASE_URL = (process.env.BASE_URL || "http://localhost:8080").replace(/\/+$/, "");
/** Screenshots and server logs (gitignored). */
export const ARTIFACTS_DIR = fileURLToPath(new URL("../e2e-artifacts", import.meta.url));
/** Debian's chromium; never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
/** Upper bound for one UI expectation (auto-waiting, polling). */
export const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 20_000);
/** Upper bound for recovering after a server restart. */
export const RECOVERY_TIMEOUT_MS = Number(process.env.E2E_RECOVERY_TIMEOUT_MS || 90_000);
