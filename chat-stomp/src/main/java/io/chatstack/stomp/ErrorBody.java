package io.chatstack.stomp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A non-fatal error as a MESSAGE on {@link StompDestinations#errors()}: {@code {"code": "...",
 * "message": "...", "receiptId"?: "..."}}. A client that subscribed there stays connected after
 * such an error; one that did not gets it as an ERROR frame and is disconnected. Its {@code code}
 * tells it from a {@link RevocationBody}. Thread-safe (immutable).
 *
 * @param code machine-readable code
 * @param message what went wrong
 * @param receiptId the {@code receipt} of the frame that failed, when it had one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorBody(String code, String message, @Nullable String receiptId) {}
