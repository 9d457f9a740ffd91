package io.chatstack.spring.web.internal;

import io.chatstack.core.InvalidInputException;
import io.chatstack.core.RoomRole;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Locale;

/**
 * Body of {@code PUT /api/rooms/{id}/roles/{username}}: {@code {"role":"MODERATOR"|"MEMBER"}}.
 *
 * @param role the new role
 */
record RoleRequest(
    @Schema(
            requiredMode = Schema.RequiredMode.REQUIRED,
            allowableValues = {"MODERATOR", "MEMBER"})
        String role) {

  static RoomRole parse(byte[] body) {
    String role =
        JsonBody.parse(body).string("role").map(r -> r.strip().toUpperCase(Locale.ROOT)).orElse("");
    if (role.equals("MODERATOR")) {
      return RoomRole.MODERATOR;
    }
    if (role.equals("MEMBER")) {
      return RoomRole.MEMBER;
    }
    throw new InvalidInputException(
        "invalid-role", "role must be MODERATOR or MEMBER; ownership cannot be given away");
  }
}
