/**
 * Timing constants of the demo UI. Everything about the protocol itself (destinations, headers,
 * REST paths, limits) comes from @chatstack/client.
 */

/**
 * Typing: while the user types, {"typing": true} is sent again at most this often (the server
 * forwards one per 3 s and ends it itself 6 s after the last one).
 */
export const TYPING_REFRESH_MS = 2_500;

/** A read mark is sent this long after the newest message came into view (coalesces bursts). */
export const MARK_READ_DEBOUNCE_MS = 400;
