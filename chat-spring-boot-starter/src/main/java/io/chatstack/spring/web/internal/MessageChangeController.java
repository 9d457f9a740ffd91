package io.chatstack.spring.web.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.server.ChatPrincipal;
import io.chatstack.server.RoomAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Edits, deletes and reactions over REST, each through {@link RoomAccess} (the same decision as the
 * STOMP destinations: {@code room-not-found} for rooms the caller may not see, {@code
 * not-participant} for visible rooms they may not post to) and answered with the change record the
 * log ordered (type {@code EDIT}, {@code DELETE} or {@code REACTION}, its own {@code seq}, {@code
 * targetId} the message changed) once the log acknowledged it, like a send. A dev-mode caller
 * without the {@code X-Chat-User} header names themselves in the edit body's {@code username} or in
 * {@code ?username=}; an authenticated caller who names someone else is refused ({@code
 * identity-mismatch}). Thread-safe; stateless.
 */
@RestController
@RequestMapping("/api/messages")
@Tag(name = "Messages", description = "History, edits, deletes and reactions")
public class MessageChangeController {
  private final RoomAccess access;

  public MessageChangeController(RoomAccess access) {
    this.access = access;
  }

  /** Replaces the content of the caller's message: {@code {"content","clientMsgId"?}}. */
  @Operation(summary = "Edits the caller's message; answers the EDIT change record")
  @ProblemCodes({
    "invalid-content",
    "invalid-message-id",
    "invalid-client-msg-id",
    "invalid-username",
    "identity-mismatch",
    "not-participant",
    "muted",
    "not-message-sender",
    "edit-window-expired",
    "room-not-found",
    "message-not-found",
    "not-editable",
    "message-deleted",
    "interceptor-failed"
  })
  @PatchMapping(path = "/{roomId}/{messageId}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ChatMessage edit(
      @PathVariable("roomId") long roomId,
      @PathVariable("messageId") String messageId,
      @RequestBody @Schema(implementation = EditRequest.class) byte[] body,
      RestCaller caller) {
    EditRequest request = EditRequest.parse(body);
    ChatPrincipal user = caller.actingAs(request.username());
    return Futures.await(
        access.edit(user, roomId, messageId, request.content(), request.clientMsgId()));
  }

  /**
   * Deletes a message, which becomes a tombstone in history: the caller's own, or as the room's
   * owner anyone's and as a moderator members'.
   */
  @Operation(
      summary =
          "Deletes a message (your own; the owner's and moderators' also others'); answers the DELETE"
              + " change record")
  @ProblemCodes({
    "invalid-message-id",
    "invalid-username",
    "identity-mismatch",
    "not-participant",
    "not-message-sender",
    "room-not-found",
    "message-not-found",
    "not-editable",
    "message-deleted"
  })
  @DeleteMapping("/{roomId}/{messageId}")
  ChatMessage delete(
      @PathVariable("roomId") long roomId,
      @PathVariable("messageId") String messageId,
      @RequestParam(name = "username", required = false) String username,
      RestCaller caller) {
    return Futures.await(access.delete(caller.actingAs(username), roomId, messageId));
  }

  /** Adds the caller's reaction (idempotent); the emoji is URL-encoded in the path. */
  @Operation(summary = "Adds the caller's reaction; answers the REACTION change record")
  @ProblemCodes({
    "invalid-emoji",
    "invalid-message-id",
    "invalid-username",
    "identity-mismatch",
    "not-participant",
    "muted",
    "room-not-found",
    "message-not-found",
    "not-editable",
    "message-deleted"
  })
  @PutMapping("/{roomId}/{messageId}/reactions/{emoji}")
  ChatMessage addReaction(
      @PathVariable("roomId") long roomId,
      @PathVariable("messageId") String messageId,
      @PathVariable("emoji") String emoji,
      @RequestParam(name = "username", required = false) String username,
      RestCaller caller) {
    return Futures.await(access.react(caller.actingAs(username), roomId, messageId, emoji, true));
  }

  /** Removes the caller's reaction (idempotent: removing an absent one is accepted). */
  @Operation(summary = "Removes the caller's reaction; answers the REACTION change record")
  @ProblemCodes({
    "invalid-emoji",
    "invalid-message-id",
    "invalid-username",
    "identity-mismatch",
    "not-participant",
    "muted",
    "room-not-found",
    "message-not-found",
    "not-editable",
    "message-deleted"
  })
  @DeleteMapping("/{roomId}/{messageId}/reactions/{emoji}")
  ChatMessage removeReaction(
      @PathVariable("roomId") long roomId,
      @PathVariable("messageId") String messageId,
      @PathVariable("emoji") String emoji,
      @RequestParam(name = "username", required = false) String username,
      RestCaller caller) {
    return Futures.await(access.react(caller.actingAs(username), roomId, messageId, emoji, false));
  }
}
