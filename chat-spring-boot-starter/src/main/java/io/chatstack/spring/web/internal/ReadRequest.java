package io.chatstack.spring.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.core.InvalidInputException;
import io.chatstack.core.ReadState;
import io.chatstack.stomp.ErrorCodes;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code PUT /api/rooms/{id}/read}: {@code {"seq", "username"?}}. A missing {@code seq},
 * one that is not an integer, or one below {@value ReadState#NOTHING_READ} is refused with {@code
 * invalid-seq} (400).
 *
 * @param seq the seq of the newest message the caller has read
 * @param username the reader, or null for the caller; must be the caller when authenticated
 */
record ReadRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "-1") long seq,
    String username) {
  static ReadRequest parse(byte[] body) {
    JsonBody json = JsonBody.parse(body);
    JsonNode seq = json.value("seq").orElseThrow(() -> invalidSeq("Field 'seq' is required"));
    if (!seq.isIntegralNumber() || !seq.canConvertToLong()) {
      throw invalidSeq("Field 'seq' must be an integer (the seq of the newest message read)");
    }
    if (seq.longValue() < ReadState.NOTHING_READ) {
      throw invalidSeq("Field 'seq' must be at least " + ReadState.NOTHING_READ);
    }
    return new ReadRequest(seq.longValue(), json.string("username").orElse(null));
  }

  private static InvalidInputException invalidSeq(String detail) {
    return new InvalidInputException(ErrorCodes.INVALID_SEQ, detail);
  }
}
