package io.chatstack.spring.web.internal;

import io.chatstack.core.InvalidRoomNameException;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code PATCH /api/rooms/{id}}: {@code {"roomName"}}.
 *
 * @param roomName the room's new name
 */
record RenameRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String roomName) {
  static String parse(byte[] body) {
    return JsonBody.parse(body)
        .string("roomName")
        .orElseThrow(() -> new InvalidRoomNameException("Give the new name in 'roomName'"));
  }
}
