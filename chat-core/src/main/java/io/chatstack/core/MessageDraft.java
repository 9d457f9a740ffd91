package io.chatstack.core;

import java.util.Map;
import java.util.Objects;

/**
 * The part of a message a {@link MessageInterceptor} sees and may rewrite.
 *
 * @param content the text, already validated (not blank, within {@link ChatLimits})
 * @param metadata the metadata, a JSON object (empty for edits and messages without metadata)
 * @param replyTo id of the message this one replies to, or empty
 */
public record MessageDraft(String content, Map<String, Object> metadata, String replyTo) {
  public MessageDraft {
    Objects.requireNonNull(content, "content");
    metadata = metadata == null ? Map.of() : metadata;
    replyTo = replyTo == null ? "" : replyTo;
  }
}
