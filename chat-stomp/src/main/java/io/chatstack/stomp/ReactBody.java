package io.chatstack.stomp;

/**
 * The body of SEND {@link StompDestinations#react(long)}: {@code {"messageId": "...", "emoji":
 * "👍", "add": true|false}}. Thread-safe (immutable).
 *
 * @param messageId id of a chat message of the room
 * @param emoji one emoji (one grapheme)
 * @param add true adds the user's reaction, false removes it (both idempotent)
 */
public record ReactBody(String messageId, String emoji, boolean add) {}
