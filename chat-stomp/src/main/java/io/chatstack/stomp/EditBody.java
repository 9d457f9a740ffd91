package io.chatstack.stomp;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The body of SEND {@link StompDestinations#edit(long)}: {@code {"messageId": "...", "content":
 * "...", "clientMsgId"?: "..."}}. Thread-safe (immutable).
 *
 * @param messageId id of the user's own chat message to edit
 * @param content the new text
 * @param clientMsgId the client's id for the edit, which makes re-sends idempotent (as for sends)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EditBody(String messageId, String content, @Nullable String clientMsgId) {}
