package io.chatstack.stomp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A MESSAGE on {@link StompDestinations#typing(long)}: {@code {"user": "alice", "typing": true}}.
 * Thread-safe (immutable).
 *
 * @param user who
 * @param typing whether they are typing now
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TypingEventBody(String user, boolean typing) {}
