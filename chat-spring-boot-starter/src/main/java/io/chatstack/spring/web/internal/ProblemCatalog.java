package io.chatstack.spring.web.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every {@code code} of chatstack's REST problem JSON with its HTTP status and what it means, as
 * the OpenAPI document states them. The statuses are those {@link ChatRestExceptionHandler} and
 * {@link ChatApiFilter} answer with. Thread-safe (immutable).
 */
final class ProblemCatalog {
  /** One code: its status and what the caller should understand by it. */
  record Entry(int status, String meaning) {}

  private static final Map<String, Entry> CODES = new LinkedHashMap<>();

  static {
    add(400, "invalid-json", "The body is not one JSON object of the documented shape");
    add(400, "invalid-parameter", "A path or query parameter is missing or not a number");
    add(
        400,
        "invalid-username",
        "A user name (path, body or X-Chat-User header) is blank, too long or has control"
            + " characters, or no user is named where one is needed");
    add(400, "invalid-room-name", "The room name is blank, too long or has control characters");
    add(400, "invalid-visibility", "visibility is neither PUBLIC nor PRIVATE");
    add(400, "invalid-direct-room", "A direct room needs another user than the caller");
    add(400, "invalid-limit", "limit is outside the allowed range");
    add(400, "invalid-query", "The history query is invalid (limit outside the allowed range)");
    add(400, "invalid-content", "content is missing, blank or too long");
    add(400, "invalid-client-msg-id", "clientMsgId is too long, or was used for another message");
    add(400, "invalid-message-id", "The message id is blank, too long or has control characters");
    add(400, "invalid-emoji", "The emoji is not exactly one emoji");
    add(400, "invalid-seq", "seq is missing, not an integer, or not a seq of the room");
    add(400, "invalid-action", "action is not one of kick, ban, unban, mute, unmute");
    add(400, "invalid-role", "role is not MODERATOR or MEMBER (ownership cannot be given away)");
    add(
        400,
        "invalid-until",
        "until is not an ISO-8601 instant in the future, at most 9999-12-31T23:59:59Z");
    add(400, "invalid-reason", "reason is longer than 500 characters or has control characters");
    add(401, "unauthenticated", "No valid credentials (WWW-Authenticate says why in mode jwt)");
    add(
        403,
        "forbidden",
        "The caller may not do this (room rules or role, someone else's rooms, admin)");
    add(403, "banned", "The user is banned from this room");
    add(403, "muted", "The caller is muted in this room");
    add(403, "not-participant", "The caller is not a participant of this (visible) room");
    add(403, "identity-mismatch", "The request names another user than the authenticated caller");
    add(
        403,
        "not-message-sender",
        "Only the sender may edit a message; only the sender, the room's owner or a moderator"
            + " (members' messages) may delete it");
    add(403, "edit-window-expired", "The message is older than the edit window");
    add(404, "room-not-found", "No such room, or the caller may not see it");
    add(404, "message-not-found", "The room has no message with this id");
    add(409, "not-editable", "Only chat messages (not join, leave or change records) change");
    add(409, "message-deleted", "The message was deleted");
    add(413, "payload-too-large", "The body exceeds chatstack.rest.max-body-size");
    add(415, "unsupported-media-type", "The body must be sent as application/json");
    add(429, "rate-limited", "Too many changes in a short time; Retry-After says when to retry");
    add(500, "internal-error", "The server failed; the detail carries no internals");
    add(503, "interceptor-failed", "A message interceptor failed or timed out; try again later");
    add(503, "unavailable", "A backing service (log, store) is unavailable; try again later");
  }

  private ProblemCatalog() {}

  private static void add(int status, String code, String meaning) {
    CODES.put(code, new Entry(status, meaning));
  }

  /** The entry of {@code code}; fails for a code missing here, so no endpoint documents a typo. */
  static Entry of(String code) {
    Entry entry = CODES.get(code);
    if (entry == null) {
      throw new IllegalStateException("Problem code '" + code + "' is not in ProblemCatalog");
    }
    return entry;
  }
}
