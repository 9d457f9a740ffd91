package io.chatstack.stomp;

/**
 * The body of SEND {@link StompDestinations#delete(long)}: {@code {"messageId": "..."}}.
 * Thread-safe (immutable).
 *
 * @param messageId id of the user's own chat message to delete
 */
public record DeleteBody(String messageId) {}
