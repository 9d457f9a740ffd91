package io.chatstack.stomp;

/**
 * The body of SEND {@link StompDestinations#markRead(long)}: {@code {"seq": N}}, the highest seq
 * the user has read ({@code -1}: nothing). Thread-safe (immutable).
 *
 * @param seq the seq read up to, {@code >= -1}
 */
public record ReadBody(long seq) {}
