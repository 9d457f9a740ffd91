package io.chatstack.spring.web.internal;

import io.chatstack.core.InvalidContentException;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code PATCH /api/messages/{roomId}/{messageId}}: {@code {"content", "clientMsgId"?,
 * "username"?}}. A missing {@code content} is refused with {@code invalid-content} (400); the
 * content itself is validated by the service like a chat message's.
 *
 * @param content the new text of the message
 * @param clientMsgId idempotency key of the edit, or null for a generated one
 * @param username the editor, or null for the caller; must be the caller when authenticated
 */
record EditRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String content,
    String clientMsgId,
    String username) {
  static EditRequest parse(byte[] body) {
    JsonBody json = JsonBody.parse(body);
    String content =
        json.string("content")
            .orElseThrow(
                () ->
                    new InvalidContentException(
                        "Field 'content' is required: the new text of the message"));
    return new EditRequest(
        content, json.string("clientMsgId").orElse(null), json.string("username").orElse(null));
  }
}
