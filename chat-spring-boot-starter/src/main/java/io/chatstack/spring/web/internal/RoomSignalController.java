package io.chatstack.spring.web.internal;

import io.chatstack.server.ChatPrincipal;
import io.chatstack.server.RoomAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Presence and read state of a room over REST, for its participants (the same decision as the STOMP
 * destinations, {@link RoomAccess#presence} and {@link RoomAccess#markRead}: {@code room-not-found}
 * for rooms the caller may not see, {@code not-participant} for visible rooms they are not in). A
 * dev-mode caller names themselves in the {@code X-Chat-User} header, or for {@code PUT .../read}
 * in the body's {@code username}. Thread-safe; stateless.
 */
@RestController
@RequestMapping("/api/rooms")
@Tag(name = "Rooms", description = "Rooms and their participants")
public class RoomSignalController {
  private final RoomAccess access;

  public RoomSignalController(RoomAccess access) {
    this.access = access;
  }

  /** The online participants: {@code {"roomId","online","count"}}. */
  @Operation(summary = "The room's online participants")
  @ProblemCodes({"invalid-username", "not-participant", "room-not-found"})
  @GetMapping("/{roomId}/presence")
  PresenceResponse presence(@PathVariable("roomId") long roomId, RestCaller caller) {
    return PresenceResponse.of(access.presence(caller.required(), roomId));
  }

  /**
   * Marks the room read up to {@code seq} (never moving back, never beyond the newest message):
   * {@code {"roomId","lastReadSeq","unreadCount"}} after the change.
   */
  @Operation(summary = "Marks the room read up to seq; answers the caller's read state")
  @ProblemCodes({
    "invalid-seq",
    "invalid-username",
    "identity-mismatch",
    "not-participant",
    "room-not-found"
  })
  @PutMapping(path = "/{roomId}/read", consumes = MediaType.APPLICATION_JSON_VALUE)
  ReadStateResponse markRead(
      @PathVariable("roomId") long roomId,
      @RequestBody @Schema(implementation = ReadRequest.class) byte[] body,
      RestCaller caller) {
    ReadRequest request = ReadRequest.parse(body);
    ChatPrincipal user = caller.actingAs(request.username());
    return ReadStateResponse.of(access.markRead(user, roomId, request.seq()));
  }
}
