package io.chatstack.stomp;

/**
 * The body of SEND {@link StompDestinations#invite(long)}, {@link StompDestinations#remove(long)}
 * and {@link StompDestinations#direct()}: {@code {"username": "..."}}, the other user. Thread-safe
 * (immutable).
 *
 * @param username the user invited, removed, or to talk with
 */
public record UsernameBody(String username) {}
