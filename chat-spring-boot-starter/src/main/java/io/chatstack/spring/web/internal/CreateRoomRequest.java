package io.chatstack.spring.web.internal;

import io.chatstack.core.InvalidInputException;
import io.chatstack.core.RoomVisibility;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /api/rooms}: {@code {"roomName", "creator"?, "visibility"?}}.
 *
 * @param roomName name of the new room
 * @param creator user creating it, or null for the caller; must be the caller when authenticated
 * @param visibility {@code PUBLIC} (default) or {@code PRIVATE}
 */
record CreateRoomRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String roomName,
    String creator,
    @Schema(
            allowableValues = {"PUBLIC", "PRIVATE"},
            defaultValue = "PUBLIC")
        RoomVisibility visibility) {

  static CreateRoomRequest parse(byte[] body) {
    JsonBody json = JsonBody.parse(body);
    return new CreateRoomRequest(
        json.string("roomName").orElse(null),
        json.string("creator").orElse(null),
        json.string("visibility").map(CreateRoomRequest::visibility).orElse(RoomVisibility.PUBLIC));
  }

  private static RoomVisibility visibility(String value) {
    return switch (value) {
      case "PUBLIC" -> RoomVisibility.PUBLIC;
      case "PRIVATE" -> RoomVisibility.PRIVATE;
      default ->
          throw new InvalidInputException(
              "invalid-visibility",
              "visibility must be PUBLIC or PRIVATE (direct rooms: POST /api/rooms/direct)");
    };
  }
}
