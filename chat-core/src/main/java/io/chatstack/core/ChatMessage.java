package io.chatstack.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a room's ordered log: a message (chat, JOIN, LEAVE) or a change record (EDIT,
 * DELETE, REACTION) that changes an earlier message of the same room.
 *
 * <p>Thread-safe (immutable; {@code metadata} is an unmodifiable map). The JSON form (see {@link
 * io.chatstack.json.ChatJson}) uses these component names as field names, so it stays compatible
 * with clients written for the original chat app; the components added with the message lifecycle
 * are left out of the JSON while they hold their empty value.
 *
 * <p>How a message reaches its <em>current state</em>: an EDIT replaces its content and sets {@code
 * editedAt}; a DELETE makes it a tombstone (content "" and metadata removed, id and seq kept); a
 * REACTION adds or removes the sender's emoji. A change applies only when its seq is above the
 * target's {@link #lastChangeSeq()} and the target is not deleted, so applying the same records
 * again, or a record older than what a message already reflects, changes nothing. Clients apply
 * change records with the same rule.
 *
 * @param id globally unique message id (a UUID string)
 * @param roomId room the message belongs to
 * @param seq position in the room's order: strictly increasing per room, not contiguous (the Kafka
 *     offset, or a per-room counter in memory); {@link #UNASSIGNED_SEQ} before the bus assigned it
 * @param sender authenticated user who sent it (for JOIN/LEAVE: the user who joined or left; for a
 *     change record: who made the change)
 * @param content text of the message; for EDIT the new text, for REACTION the emoji, for DELETE ""
 * @param type kind of entry
 * @param timestamp when the server accepted it, UTC, millisecond precision
 * @param clientMsgId idempotency key chosen by the client; sending twice with the same key in the
 *     same room stores and delivers the message once. When absent in JSON it defaults to {@code
 *     id}.
 * @param targetId for a change record, the id of the message it changes; otherwise ""
 * @param replyTo id of the message of the same room this one answers, or ""
 * @param metadata a JSON object chosen by the sender (attachments by URL, mentions, app data), at
 *     most {@link #MAX_METADATA_BYTES} serialized; empty when none. For a REACTION record the
 *     server's {@code {"add":true|false}}
 * @param editedAt when the current content was set by an edit; empty when never edited
 * @param deleted whether the message was deleted (a tombstone)
 * @param reactions in history: the reactions per emoji; empty otherwise
 * @param lastChangeSeq the seq of the last change record reflected in this state; 0 when none
 */
public record ChatMessage(
    String id,
    long roomId,
    long seq,
    String sender,
    String content,
    MessageType type,
    Instant timestamp,
    String clientMsgId,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String targetId,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String replyTo,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> metadata,
    @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Instant> editedAt,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean deleted,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Reaction> reactions,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) long lastChangeSeq) {

  /** The {@code seq} of a message that the bus has not ordered yet. */
  public static final long UNASSIGNED_SEQ = -1L;

  /** Largest serialized (UTF-8 JSON) size of {@link #metadata()}: 4 KiB. */
  public static final int MAX_METADATA_BYTES = 4096;

  /** Key of a REACTION record's metadata that says whether the reaction was added. */
  public static final String REACTION_ADD = "add";

  public ChatMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(timestamp, "timestamp");
    if (clientMsgId == null || clientMsgId.isEmpty()) {
      clientMsgId = id;
    }
    targetId = targetId == null ? "" : targetId;
    replyTo = replyTo == null ? "" : replyTo;
    metadata =
        metadata == null || metadata.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    editedAt = editedAt == null ? Optional.empty() : editedAt;
    reactions =
        reactions == null || reactions.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(reactions));
  }

  /** A message without the lifecycle components (no target, reply, metadata, edit or reactions). */
  public ChatMessage(
      String id,
      long roomId,
      long seq,
      String sender,
      String content,
      MessageType type,
      Instant timestamp,
      String clientMsgId) {
    this(
        id,
        roomId,
        seq,
        sender,
        content,
        type,
        timestamp,
        clientMsgId,
        "",
        "",
        Map.of(),
        Optional.empty(),
        false,
        Map.of(),
        0L);
  }

  /** This message with {@code seq} set; used by bus implementations when the log ordered it. */
  public ChatMessage withSeq(long newSeq) {
    return new ChatMessage(
        id,
        roomId,
        newSeq,
        sender,
        content,
        type,
        timestamp,
        clientMsgId,
        targetId,
        replyTo,
        metadata,
        editedAt,
        deleted,
        reactions,
        lastChangeSeq);
  }

  /** Whether this is a change record (EDIT, DELETE, REACTION); see {@link MessageType#isChange}. */
  @JsonIgnore
  public boolean isChange() {
    return type.isChange();
  }

  /** For a REACTION record: whether the emoji was added (true) or removed (false). */
  @JsonIgnore
  public boolean reactionAdded() {
    return type == MessageType.REACTION && Boolean.TRUE.equals(metadata.get(REACTION_ADD));
  }

  /**
   * Whether this record ends {@code username}'s membership of the room: their own LEAVE, a {@link
   * MessageType#SYSTEM} kick or ban aimed at them, or the room's deletion. A live subscription of
   * theirs ends here (nothing after it is delivered to them).
   */
  public boolean endsMembershipOf(String username) {
    if (type == MessageType.LEAVE) {
      return sender.equals(username);
    }
    if (type != MessageType.SYSTEM) {
      return false;
    }
    Object action = metadata.get("action");
    return "delete".equals(action)
        || (("kick".equals(action) || "ban".equals(action))
            && username.equals(metadata.get("target")));
  }
}
