package io.chatstack.stomp;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The body of SEND {@link StompDestinations#send(long)}: {@code {"content": "...", "type"?:
 * "CHAT"|"JOIN"|"LEAVE", "clientMsgId"?: "..."}}. Type JOIN or LEAVE joins or leaves the room
 * instead of posting. A {@code sender} or {@code roomId} field is tolerated when it names the
 * authenticated user and the destination's room (clients of the original app send them).
 * Thread-safe (immutable).
 *
 * @param content the text; required for CHAT, ignored otherwise
 * @param type what the SEND does (CHAT when absent)
 * @param clientMsgId the client's id for the message, which makes re-sends idempotent
 * @param replyTo id of the message of the room this one answers (CHAT only)
 * @param metadata a JSON object sent with the message (CHAT only; at most 4 KiB serialized)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SendBody(
    @Nullable String content,
    Type type,
    @Nullable String clientMsgId,
    @Nullable String replyTo,
    @Nullable Map<String, Object> metadata) {

  /** A body without reply or metadata. */
  public SendBody(@Nullable String content, Type type, @Nullable String clientMsgId) {
    this(content, type, clientMsgId, null, null);
  }

  /** What a SEND to a room does. */
  public enum Type {
    /** Posts {@code content}. */
    CHAT,
    /** Joins the room. */
    JOIN,
    /** Leaves the room. */
    LEAVE
  }

  /** A chat message, optionally with the client's id for it. */
  public static SendBody chat(String content, @Nullable String clientMsgId) {
    return new SendBody(content, Type.CHAT, clientMsgId);
  }

  /** A chat message that replies to {@code replyTo} and/or carries {@code metadata}. */
  public static SendBody chat(
      String content,
      @Nullable String clientMsgId,
      @Nullable String replyTo,
      @Nullable Map<String, Object> metadata) {
    return new SendBody(content, Type.CHAT, clientMsgId, replyTo, metadata);
  }
}
