package io.chatstack.spring.web.internal;

/**
 * Body of {@code POST /api/rooms/{id}/participants} and {@code POST /api/rooms/direct}: {@code
 * {"username"}}.
 *
 * @param username the user to add (the caller when absent), or the other user of a direct room
 */
record ParticipantRequest(String username) {
  static ParticipantRequest parse(byte[] body) {
    return new ParticipantRequest(JsonBody.parse(body).string("username").orElse(null));
  }
}
