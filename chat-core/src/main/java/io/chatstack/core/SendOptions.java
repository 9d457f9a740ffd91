package io.chatstack.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a chat message may carry besides its content: the message it replies to and metadata.
 *
 * <p>Thread-safe (immutable). Start from {@link #NONE} and use the withers.
 *
 * @param replyTo id of a message of the same room that this one answers; checked when sending
 * @param metadata a JSON object (attachments by URL, mentions, app data): string keys, values that
 *     JSON can hold; at most {@link ChatMessage#MAX_METADATA_BYTES} serialized
 */
public record SendOptions(Optional<String> replyTo, Map<String, Object> metadata) {
  /** No reply, no metadata. */
  public static final SendOptions NONE = new SendOptions(Optional.empty(), Map.of());

  public SendOptions {
    replyTo = replyTo == null ? Optional.empty() : replyTo.filter(id -> !id.isEmpty());
    metadata =
        metadata == null || metadata.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** These options answering the message {@code messageId}. */
  public SendOptions withReplyTo(String messageId) {
    return new SendOptions(Optional.of(Objects.requireNonNull(messageId, "messageId")), metadata);
  }

  /** These options with {@code data} as metadata. */
  public SendOptions withMetadata(Map<String, ?> data) {
    return new SendOptions(replyTo, new LinkedHashMap<>(Objects.requireNonNull(data, "data")));
  }
}
