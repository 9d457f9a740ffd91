package io.chatstack.stomp;

/**
 * The body of SEND {@link StompDestinations#sendTyping(long)}: {@code {"typing": true|false}}.
 * Thread-safe (immutable).
 *
 * @param typing whether the user is typing now
 */
public record TypingBody(boolean typing) {}
