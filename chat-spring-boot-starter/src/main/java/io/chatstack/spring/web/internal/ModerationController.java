package io.chatstack.spring.web.internal;

import io.chatstack.core.Restriction;
import io.chatstack.server.ChatPrincipal;
import io.chatstack.server.RoomAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Roles, moderation and room administration over REST, through {@link RoomAccess} (visibility) and
 * the core's {@link io.chatstack.core.Moderation} rules (roles). The caller must be known (a
 * dev-mode caller names themselves in the {@code X-Chat-User} header). A refusal answers 403 with
 * code {@code forbidden} and changes nothing. Thread-safe; stateless.
 */
@RestController
@RequestMapping("/api/rooms")
@Tag(name = "Moderation", description = "Room roles, kick, ban, mute, rename and delete")
public class ModerationController {
  private final RoomAccess access;

  public ModerationController(RoomAccess access) {
    this.access = access;
  }

  @Operation(summary = "Makes a participant a MODERATOR or a MEMBER (the owner only)")
  @ProblemCodes({
    "invalid-json",
    "invalid-role",
    "invalid-username",
    "forbidden",
    "not-participant",
    "room-not-found"
  })
  @PutMapping(path = "/{roomId}/roles/{username}", consumes = MediaType.APPLICATION_JSON_VALUE)
  RoomResponse setRole(
      @PathVariable("roomId") long roomId,
      @PathVariable("username") String username,
      @RequestBody @Schema(implementation = RoleRequest.class) byte[] body,
      RestCaller caller) {
    ChatPrincipal user = caller.required();
    return RoomResponse.of(
        access.setRole(user, roomId, username, RoleRequest.parse(body)), user.name());
  }

  @Operation(
      summary =
          "Kicks, bans, unbans, mutes or unmutes a user (the owner and moderators; moderators act"
              + " on members only, nobody on the owner)")
  @ProblemCodes({
    "invalid-json",
    "invalid-action",
    "invalid-until",
    "invalid-reason",
    "invalid-username",
    "forbidden",
    "room-not-found"
  })
  @PostMapping(path = "/{roomId}/moderation", consumes = MediaType.APPLICATION_JSON_VALUE)
  RoomResponse moderate(
      @PathVariable("roomId") long roomId,
      @RequestBody @Schema(implementation = ModerationRequestBody.class) byte[] body,
      RestCaller caller) {
    ChatPrincipal user = caller.required();
    return RoomResponse.of(
        access.moderate(user, roomId, ModerationRequestBody.parse(body)), user.name());
  }

  @Operation(summary = "Renames the room (the owner and moderators)")
  @ProblemCodes({"invalid-json", "invalid-room-name", "forbidden", "room-not-found"})
  @PatchMapping(path = "/{roomId}", consumes = MediaType.APPLICATION_JSON_VALUE)
  RoomResponse rename(
      @PathVariable("roomId") long roomId,
      @RequestBody @Schema(implementation = RenameRequest.class) byte[] body,
      RestCaller caller) {
    ChatPrincipal user = caller.required();
    return RoomResponse.of(access.rename(user, roomId, RenameRequest.parse(body)), user.name());
  }

  @Operation(
      summary =
          "Deletes the room (the owner only): every subscription to it ends, it leaves every list;"
              + " history is kept or erased per chatstack.rooms.delete-history")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ProblemCodes({"forbidden", "room-not-found"})
  @DeleteMapping("/{roomId}")
  ResponseEntity<Void> delete(@PathVariable("roomId") long roomId, RestCaller caller) {
    access.deleteRoom(caller.required(), roomId);
    return ResponseEntity.noContent().build();
  }

  @Operation(summary = "The room's bans and mutes in force (the owner and moderators)")
  @ProblemCodes({"forbidden", "room-not-found"})
  @GetMapping("/{roomId}/restrictions")
  List<Restriction> restrictions(@PathVariable("roomId") long roomId, RestCaller caller) {
    return access.restrictions(caller.required(), roomId);
  }
}
