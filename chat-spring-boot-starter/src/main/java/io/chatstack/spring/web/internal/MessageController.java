package io.chatstack.spring.web.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.HistoryPage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.server.RoomAccess;
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
public class MessageController {
  /** Response header: {@code true} when older messages exist before the first one returned. */
  public static final String HAS_MORE = "X-Chat-Has-More";

  private final RoomAccess access;

  public MessageController(RoomAccess access) {
    this.access = access;
  }

  /** Messages with seq below {@code beforeSeq} (newest first if absent), at most {@code limit}. */
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
