package io.chatstack.spring.web.internal;

import io.chatstack.core.ChatService;
import io.chatstack.core.ReadState;
import io.chatstack.server.ChatPrincipal;
import io.chatstack.server.RoomAccess;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Presence and read state of a room over REST, for its participants (the same check as a STOMP
 * subscription, through {@link RoomAccess}: {@code room-not-found} for rooms the caller may not
 * see, {@code not-participant} for visible rooms they are not in). A dev-mode caller names
 * themselves in the {@code X-Chat-User} header, or for {@code PUT .../read} in the body's {@code
 * username}. Thread-safe; stateless.
 */
@RestController
@RequestMapping("/api/rooms")
public class RoomSignalController {
  private final RoomAccess access;
  private final ChatService chat;

  public RoomSignalController(RoomAccess access, ChatService chat) {
    this.access = access;
    this.chat = chat;
  }

  /** The online participants: {@code {"roomId","online","count"}}. */
  @GetMapping("/{roomId}/presence")
  PresenceResponse presence(@PathVariable("roomId") long roomId, RestCaller caller) {
    access.requireSubscribe(caller.required(), roomId);
    return PresenceResponse.of(chat.presence().snapshot(roomId));
  }

  /**
   * Marks the room read up to {@code seq} (never moving back, never beyond the newest message):
   * {@code {"roomId","lastReadSeq","unreadCount"}} after the change.
   */
  @PutMapping(path = "/{roomId}/read", consumes = MediaType.APPLICATION_JSON_VALUE)
  ReadStateResponse markRead(
      @PathVariable("roomId") long roomId, @RequestBody byte[] body, RestCaller caller) {
    ReadRequest request = ReadRequest.parse(body);
    ChatPrincipal user = caller.actingAs(request.username());
    access.requireSubscribe(user, roomId);
    ReadState state = chat.readStates().markRead(roomId, user.name(), request.seq());
    return ReadStateResponse.of(state);
  }
}
