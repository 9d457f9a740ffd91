package io.chatstack.spring.web.internal;

import io.chatstack.core.ChatService;
import io.chatstack.core.DirectRoom;
import io.chatstack.core.InvalidUsernameException;
import io.chatstack.core.Participant;
import io.chatstack.core.ReadState;
import io.chatstack.core.Room;
import io.chatstack.core.RoomNotFoundException;
import io.chatstack.core.RoomRole;
import io.chatstack.core.RoomSummary;
import io.chatstack.server.ChatPrincipal;
import io.chatstack.server.RoomAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rooms and participants over REST (seed-compatible paths). Every action goes through {@link
 * RoomAccess} as the {@link RestCaller} the filter resolved; a dev-mode caller who names no user
 * reads public rooms only. Thread-safe; stateless.
 */
@RestController
@RequestMapping("/api/rooms")
@Tag(name = "Rooms", description = "Rooms and their participants")
public class RoomController {
  private final RoomAccess access;
  private final ChatService chat;

  public RoomController(RoomAccess access, ChatService chat) {
    this.access = access;
    this.chat = chat;
  }

  @Operation(summary = "The rooms the caller sees: public ones and their private and direct rooms")
  @GetMapping
  List<RoomSummary> rooms(RestCaller caller) {
    return caller.known().map(access::rooms).orElseGet(access::publicRooms);
  }

  @Operation(summary = "One room, with its first 1,000 participants")
  @ProblemCodes("room-not-found")
  @GetMapping("/{roomId}")
  RoomResponse room(@PathVariable("roomId") long roomId, RestCaller caller) {
    return RoomResponse.of(visibleRoom(caller, roomId), callerName(caller));
  }

  /** The caller's rooms, each with their {@code lastReadSeq} and {@code unreadCount}. */
  @Operation(summary = "The caller's rooms, each with lastReadSeq and unreadCount")
  @ProblemCodes({"invalid-username", "forbidden"})
  @GetMapping("/user/{username}")
  List<RoomListEntry> roomsOf(@PathVariable("username") String username, RestCaller caller) {
    ChatPrincipal user = caller.onlySelf(username);
    Map<Long, ReadState> states = new HashMap<>();
    access.readStates(user).forEach(s -> states.put(s.roomId(), s));
    List<RoomListEntry> entries = new ArrayList<>();
    for (RoomSummary room : access.roomsOf(user)) {
      ReadState state = states.get(room.id());
      if (state == null) {
        // Joined between the two reads: ask for this room alone.
        try {
          state = chat.readStates().state(room.id(), user.name());
        } catch (RoomNotFoundException deletedMeanwhile) {
          continue;
        }
      }
      entries.add(RoomListEntry.of(room, state, roleIn(room, user)));
    }
    return entries;
  }

  @Operation(summary = "Creates a public or private room; the creator is its first participant")
  @ApiResponse(responseCode = "201", description = "The room, created")
  @ProblemCodes({
    "invalid-room-name",
    "invalid-visibility",
    "invalid-username",
    "identity-mismatch"
  })
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<RoomResponse> create(
      @RequestBody @Schema(implementation = CreateRoomRequest.class) byte[] body,
      RestCaller caller) {
    CreateRoomRequest request = CreateRoomRequest.parse(body);
    Room room =
        access.createRoom(
            caller.actingAs(request.creator()), request.roomName(), request.visibility());
    return ResponseEntity.status(HttpStatus.CREATED).body(RoomResponse.of(room, room.createdBy()));
  }

  /** The direct room of the caller and {@code username}: 201 when created, 200 when it existed. */
  @Operation(summary = "Opens the direct room of the caller and another user")
  @ApiResponse(responseCode = "200", description = "The direct room, which existed")
  @ApiResponse(responseCode = "201", description = "The direct room, created")
  @ProblemCodes({"invalid-username", "invalid-direct-room"})
  @PostMapping(path = "/direct", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<RoomResponse> direct(
      @RequestBody @Schema(implementation = ParticipantRequest.class) byte[] body,
      RestCaller caller) {
    String other = ParticipantRequest.parse(body).username();
    if (other == null) {
      throw new InvalidUsernameException("Name the other user of the direct room in 'username'");
    }
    DirectRoom direct = access.directRoom(caller.required(), other);
    return ResponseEntity.status(direct.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(RoomResponse.of(direct.room(), caller.required().name()));
  }

  /** The caller joins (own or no name) or invites {@code username}. */
  @Operation(summary = "The caller joins the room, or invites the user named in the body")
  @ProblemCodes({"invalid-username", "forbidden", "banned", "room-not-found"})
  @PostMapping(path = "/{roomId}/participants", consumes = MediaType.APPLICATION_JSON_VALUE)
  RoomResponse addParticipant(
      @PathVariable("roomId") long roomId,
      @RequestBody @Schema(implementation = ParticipantRequest.class) byte[] body,
      RestCaller caller) {
    String username = ParticipantRequest.parse(body).username();
    ChatPrincipal user = caller.known().orElseGet(() -> caller.actingAs(username));
    return RoomResponse.of(
        access.addParticipant(user, roomId, username == null ? user.name() : username),
        user.name());
  }

  /** The caller leaves (own name) or removes {@code username} (a kick: owner and moderators). */
  @Operation(
      summary =
          "The caller leaves the room (own name), or removes the named user (a kick, by the owner"
              + " or a moderator)")
  @ProblemCodes({"invalid-username", "forbidden", "room-not-found"})
  @DeleteMapping("/{roomId}/participants/{username}")
  RoomResponse removeParticipant(
      @PathVariable("roomId") long roomId,
      @PathVariable("username") String username,
      RestCaller caller) {
    ChatPrincipal user = caller.known().orElseGet(() -> caller.actingAs(username));
    return RoomResponse.of(access.removeParticipant(user, roomId, username), user.name());
  }

  /** One page of participants, ascending by name, after {@code after}. */
  @Operation(summary = "One page of the room's participants, ascending by name, after a cursor")
  @ProblemCodes({"invalid-limit", "room-not-found"})
  @GetMapping("/{roomId}/participants")
  ParticipantPage participants(
      @PathVariable("roomId") long roomId,
      @RequestParam(name = "limit", defaultValue = "100") int limit,
      @RequestParam(name = "after", defaultValue = "") String after,
      RestCaller caller) {
    Room room = visibleRoom(caller, roomId);
    List<Participant> members =
        caller
            .known()
            .map(user -> access.participantPage(user, roomId, after, limit))
            // publicRoom (in visibleRoom) authorized it: a public room, for a dev-mode caller
            .orElseGet(() -> chat.participantPage(roomId, after, limit));
    List<String> page = members.stream().map(Participant::username).toList();
    boolean hasMore =
        page.size() == limit && !chat.participants(roomId, page.get(limit - 1), 1).isEmpty();
    return new ParticipantPage(roomId, page, room.participantCount(), hasMore, members);
  }

  /** The user's role in a room of theirs, from the cached room (no query per room of the list). */
  private RoomRole roleIn(RoomSummary room, ChatPrincipal user) {
    try {
      return chat.cachedRoom(room.id()).role(user.name()).orElse(RoomRole.MEMBER);
    } catch (RoomNotFoundException deletedMeanwhile) {
      return RoomRole.MEMBER;
    }
  }

  private static String callerName(RestCaller caller) {
    return caller.known().map(ChatPrincipal::name).orElse(null);
  }

  private Room visibleRoom(RestCaller caller, long roomId) {
    return caller
        .known()
        .map(user -> access.room(user, roomId))
        .orElseGet(() -> access.publicRoom(roomId));
  }
}
