package io.chatstack.spring.web.internal;

import io.chatstack.core.InvalidInputException;
import io.chatstack.core.InvalidUsernameException;
import io.chatstack.core.ModerationAction;
import io.chatstack.core.ModerationRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Body of {@code POST /api/rooms/{id}/moderation}: {@code {"action", "username", "until"?,
 * "reason"?}}.
 *
 * @param action kick, ban, unban, mute or unmute
 * @param username whom it concerns
 * @param until ISO-8601 instant when a ban or mute ends by itself; absent: until lifted
 * @param reason why (at most 500 characters), shown in the SYSTEM message
 */
record ModerationRequestBody(
    @Schema(
            requiredMode = Schema.RequiredMode.REQUIRED,
            allowableValues = {"kick", "ban", "unban", "mute", "unmute"})
        String action,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String username,
    @Schema(format = "date-time") String until,
    String reason) {

  /** The request of a JSON body; a missing or invalid field is a 400 with its code. */
  static ModerationRequest parse(byte[] body) {
    JsonBody json = JsonBody.parse(body);
    ModerationAction action = ModerationAction.of(json.string("action").orElse(null));
    String username =
        json.string("username")
            .orElseThrow(
                () -> new InvalidUsernameException("Name the user to moderate in 'username'"));
    Optional<Instant> until = json.string("until").map(ModerationRequestBody::instant);
    return new ModerationRequest(action, username, until, json.string("reason").orElse(""));
  }

  /** An ISO-8601 instant, or {@code invalid-until}. */
  static Instant instant(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          "invalid-until", "until must be an ISO-8601 instant such as 2026-12-31T00:00:00Z");
    }
  }
}
