package io.chatstack.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a room's ordered log: a chat message or a JOIN/LEAVE event.
 *
 * <p>Thread-safe (immutable). The JSON form (see {@link io.chatstack.json.ChatJson}) uses these
 * component names as field names, so it stays compatible with clients written for the original chat
 * app.
 *
 * @param id globally unique message id (a UUID string)
 * @param roomId room the message belongs to
 * @param seq position in the room's order: strictly increasing per room, not contiguous (the Kafka
 *     offset, or a per-room counter in memory); {@link #UNASSIGNED_SEQ} before the bus assigned it
 * @param sender authenticated user who sent it (for JOIN/LEAVE: the user who joined or left)
 * @param content text of the message
 * @param type kind of message
 * @param timestamp when the server accepted it, UTC, millisecond precision
 * @param clientMsgId idempotency key chosen by the client; sending twice with the same key in the
 *     same room stores and delivers the message once. When absent in JSON it defaults to {@code
 *     id}.
 */
public record ChatMessage(
    String id,
    long roomId,
    long seq,
    String sender,
    String content,
    MessageType type,
    Instant timestamp,
    String clientMsgId) {

  /** The {@code seq} of a message that the bus has not ordered yet. */
  public static final long UNASSIGNED_SEQ = -1L;

  public ChatMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(timestamp, "timestamp");
    if (clientMsgId == null || clientMsgId.isEmpty()) {
      clientMsgId = id;
    }
  }

  /** This message with {@code seq} set; used by bus implementations when the log ordered it. */
  public ChatMessage withSeq(long newSeq) {
    return new ChatMessage(id, roomId, newSeq, sender, content, type, timestamp, clientMsgId);
  }
}
