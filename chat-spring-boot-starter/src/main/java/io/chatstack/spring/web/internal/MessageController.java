package io.chatstack.spring.web.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.HistoryPage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.server.RoomAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * History over REST, for participants (through {@link RoomAccess}; a dev-mode caller who names no
 * user reads public rooms). Bodies are JSON arrays of messages in ascending seq order
 * (seed-compatible); the header {@value #HAS_MORE} says whether older messages exist. Thread-safe;
 * stateless.
 */
@RestController
@RequestMapping("/api/messages")
@Tag(name = "Messages", description = "History, edits, deletes and reactions")
public class MessageController {
  /** Response header: {@code true} when older messages exist before the first one returned. */
  public static final String HAS_MORE = "X-Chat-Has-More";

  private final RoomAccess access;

  public MessageController(RoomAccess access) {
    this.access = access;
  }

  /** Messages with seq below {@code beforeSeq} (newest first if absent), at most {@code limit}. */
  @Operation(summary = "One page of history: messages before beforeSeq, else the newest")
  @ApiResponse(
      responseCode = "200",
      description = "Messages in ascending seq order",
      headers =
          @Header(
              name = HAS_MORE,
              description = "Whether older messages exist",
              schema = @Schema(type = "boolean")))
  @ProblemCodes({"invalid-query", "not-participant", "room-not-found"})
  @GetMapping("/{roomId}")
  ResponseEntity<List<ChatMessage>> history(
      @PathVariable("roomId") long roomId,
      @RequestParam(name = "beforeSeq", required = false) Long beforeSeq,
      @RequestParam(name = "limit", defaultValue = "50") int limit,
      RestCaller caller) {
    HistoryQuery query =
        beforeSeq == null ? HistoryQuery.latest(limit) : HistoryQuery.before(beforeSeq, limit);
    return page(history(caller, roomId, query));
  }

  /** The newest {@code limit} messages. */
  @Operation(summary = "The newest messages")
  @ApiResponse(
      responseCode = "200",
      description = "Messages in ascending seq order",
      headers =
          @Header(
              name = HAS_MORE,
              description = "Whether older messages exist",
              schema = @Schema(type = "boolean")))
  @ProblemCodes({"invalid-query", "not-participant", "room-not-found"})
  @GetMapping("/{roomId}/recent")
  ResponseEntity<List<ChatMessage>> recent(
      @PathVariable("roomId") long roomId,
      @RequestParam(name = "limit", defaultValue = "50") int limit,
      RestCaller caller) {
    return page(history(caller, roomId, HistoryQuery.latest(limit)));
  }

  private HistoryPage history(RestCaller caller, long roomId, HistoryQuery query) {
    return caller
        .known()
        .map(user -> access.history(user, roomId, query))
        .orElseGet(() -> access.publicHistory(roomId, query));
  }

  private static ResponseEntity<List<ChatMessage>> page(HistoryPage page) {
    return ResponseEntity.ok()
        .header(HAS_MORE, String.valueOf(page.hasMore()))
        .body(page.messages());
  }
}
