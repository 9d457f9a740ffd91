/**
 * The connection's state machine, free of I/O so it can be tested alone. The driver
 * (chatConnection.ts) feeds it events and acts on the resulting state: open a socket when
 * {@code attempting} turns true, arm a timer of {@code retryDelayMs} when it is set.
 *
 *   idle --start--> connecting --connected--> online
 *   connecting/online --closed--> reconnecting (retry after a back-off delay)
 *   a connection that stayed up at least {@code maxDelayMs} is retried at once when it closes; one
 *   that closed sooner (e.g. the server sent ERROR right after CONNECTED) counts as a failed
 *   attempt, so a server that keeps closing fresh connections is retried with a growing delay
 *   reconnecting --retry--> reconnecting (attempting) --connected--> online
 *   after {@code offlineAfterFailures} failed attempts, or when the browser reports no network,
 *   the status shows "offline"; retries continue (capped back-off) and "online" from the browser
 *   or a manual retry tries at once.
 *   any --stop--> stopped (terminal until start)
 */

export type ConnectionStatus =
  | "idle"
  | "connecting"
  | "online"
  | "reconnecting"
  | "offline"
  | "stopped";

export interface ConnectionState {
  status: ConnectionStatus;
  /**
   * Consecutive failed attempts while down (0 while online). A connection that closed within
   * {@code maxDelayMs} of its CONNECTED counts as one more failed attempt, not as a success.
   */
  failures: number;
  /** True while a connection attempt is in flight. */
  attempting: boolean;
  /** When set, the driver retries after this many ms (no attempt in flight). */
  retryDelayMs: number | null;
  /** Whether a connection succeeded at least once (distinguishes first connect from reconnect). */
  everConnected: boolean;
  /** Whether the browser reports being offline. */
  browserOffline: boolean;
  /** Last reason a connection failed or closed, for display. */
  lastError: string | null;
  /** While online: when the connection was established (ms since the epoch); otherwise null. */
  onlineSince?: number | null;
  /** While online: the failures before this connection, carried on if it proves short-lived. */
  failuresBeforeOnline?: number;
}

export type ConnectionEvent =
  | { type: "start" }
  /** {@code at}: when (ms since the epoch; default now). */
  | { type: "connected"; at?: number }
  | { type: "closed"; reason?: string; at?: number }
  | { type: "retry" }
  | { type: "browserOffline" }
  | { type: "browserOnline" }
  /** {@code reason}: why the client stopped (e.g. the server refused the CONNECT), kept as {@code lastError}. */
  | { type: "stop"; reason?: string };

/**
 * Reconnection back-off. A connection that closes after having stayed up at least
 * {@code maxDelayMs} is retried at once; failed attempts, and connections that closed sooner after
 * CONNECTED (e.g. the server answered a frame with a fatal ERROR and closed), are retried after
 * {@code initialDelayMs}, doubling up to {@code maxDelayMs}. So the client never reconnects more
 * often than about once per {@code maxDelayMs}, however the server ends its connections.
 */
export interface BackoffOptions {
  /** First retry delay (ms). */
  initialDelayMs: number;
  /**
   * Upper bound of the delay (ms); also how long a connection must stay up to count as
   * established (the back-off starts over, and its loss is retried at once).
   */
  maxDelayMs: number;
  /** Failed attempts (short-lived connections included) after which the status reads "offline" instead of "reconnecting". */
  offlineAfterFailures: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = {
  initialDelayMs: 500,
  maxDelayMs: 5_000,
  offlineAfterFailures: 4,
};

export const INITIAL_STATE: ConnectionState = {
  status: "idle",
  failures: 0,
  attempting: false,
  retryDelayMs: null,
  everConnected: false,
  browserOffline: false,
  lastError: null,
  onlineSince: null,
  failuresBeforeOnline: 0,
};

/** Exponential back-off: initial, 2x, 4x ... capped at maxDelayMs. {@code failures} >= 1. */
export function backoffDelay(failures: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  return Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** exponent);
}

/** Pure transition function. Returns {@code state} itself when the event changes nothing. */
export function transition(
  state: ConnectionState,
  event: ConnectionEvent,
  options: BackoffOptions = DEFAULT_BACKOFF,
): ConnectionState {
  switch (event.type) {
    case "start":
      if (state.status !== "idle" && state.status !== "stopped") return state;
      return {
        ...INITIAL_STATE,
        browserOffline: state.browserOffline,
        status: "connecting",
        attempting: true,
      };
    case "stop":
      if (state.status === "stopped") return state;
      return {
        ...state,
        status: "stopped",
        attempting: false,
        retryDelayMs: null,
        onlineSince: null,
        lastError: event.reason ?? state.lastError,
      };
    case "connected":
      if (state.status === "stopped" || state.status === "idle") return state;
      return {
        ...state,
        status: "online",
        failures: 0,
        failuresBeforeOnline: state.failures,
        onlineSince: event.at ?? Date.now(),
        attempting: false,
        retryDelayMs: null,
        everConnected: true,
        browserOffline: false,
        lastError: null,
      };
    case "closed": {
      if (state.status === "stopped" || state.status === "idle") return state;
      if (!state.attempting && state.status !== "online") return state; // stale close
      const online = state.status === "online";
      // Only a connection that stayed up a while resets the back-off: one the server closes right
      // after CONNECTED (a fatal ERROR, say) would otherwise be reconnected at once, over and over.
      const established =
        online && (state.onlineSince == null || (event.at ?? Date.now()) - state.onlineSince >= options.maxDelayMs);
      const failures = established ? 1 : (online ? (state.failuresBeforeOnline ?? 0) : state.failures) + 1;
      return {
        ...state,
        status: statusWhileDown(failures, state.browserOffline, options),
        failures,
        failuresBeforeOnline: 0,
        onlineSince: null,
        attempting: false,
        retryDelayMs: established ? 0 : backoffDelay(failures, options),
        lastError: event.reason ?? state.lastError,
      };
    }
    case "retry":
      if (state.retryDelayMs === null || state.attempting) return state;
      return { ...state, attempting: true, retryDelayMs: null };
    case "browserOffline":
      if (state.status === "stopped" || state.status === "idle") {
        return { ...state, browserOffline: true };
      }
      return {
        ...state,
        browserOffline: true,
        status: state.status === "online" ? state.status : "offline",
      };
    case "browserOnline": {
      const next = { ...state, browserOffline: false };
      if (state.status === "stopped" || state.status === "idle" || state.status === "online") {
        return next;
      }
      next.status = statusWhileDown(state.failures, false, options);
      // Waiting for a timer: try now instead.
      if (!state.attempting) next.retryDelayMs = 0;
      return next;
    }
  }
}

function statusWhileDown(
  failures: number,
  browserOffline: boolean,
  options: BackoffOptions,
): ConnectionStatus {
  return browserOffline || failures >= options.offlineAfterFailures ? "offline" : "reconnecting";
}
