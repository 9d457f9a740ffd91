package io.chatstack.stomp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A MESSAGE on {@link StompDestinations#readState()}: {@code {"roomId": 1, "lastReadSeq": N,
 * "unreadCount": K}}, the user's read state in one room after a change. Thread-safe (immutable).
 *
 * @param roomId the room
 * @param lastReadSeq the highest seq the user has read, {@code -1} when none
 * @param unreadCount chat messages from others after it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReadStateBody(long roomId, long lastReadSeq, long unreadCount) {}
