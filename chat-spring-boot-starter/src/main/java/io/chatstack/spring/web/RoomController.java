package io.chatstack.spring.web;

import io.chatstack.core.ChatService;
import io.chatstack.core.Room;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rooms and participants over REST (seed-compatible paths). When the request carries an
 * authenticated principal (for example from Spring Security), it is the acting user and a different
 * {@code creator}/{@code username} is refused with 403. Thread-safe; stateless.
 */
@RestController
@RequestMapping("/api/rooms")
public class RoomController {
  private final ChatService chat;

  public RoomController(ChatService chat) {
    this.chat = chat;
  }

  @GetMapping
  public List<Room> rooms() {
    return chat.rooms();
  }

  @GetMapping("/{roomId}")
  public Room room(@PathVariable("roomId") long roomId) {
    return chat.room(roomId);
  }

  @GetMapping("/user/{username}")
  public List<Room> roomsOf(@PathVariable("username") String username) {
    return chat.roomsOf(username);
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  public Room create(@RequestBody CreateRoomRequest request, Principal principal) {
    return chat.createRoom(request.roomName(), ActingUser.resolve(principal, request.creator()));
  }

  @PostMapping("/{roomId}/participants")
  public Room join(
      @PathVariable("roomId") long roomId,
      @RequestBody ParticipantRequest request,
      Principal principal) {
    return chat.join(roomId, ActingUser.resolve(principal, request.username()));
  }

  @DeleteMapping("/{roomId}/participants/{username}")
  public Room leave(
      @PathVariable("roomId") long roomId,
      @PathVariable("username") String username,
      Principal principal) {
    return chat.leave(roomId, ActingUser.resolve(principal, username));
  }
}
