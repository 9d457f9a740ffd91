package io.chatstack.stomp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A MESSAGE on {@link StompDestinations#reads(long)}: {@code {"user": "alice", "seq": N}}, a
 * participant has read the room up to {@code seq}. Thread-safe (immutable).
 *
 * @param user the reader
 * @param seq their {@code lastReadSeq}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReadReceiptBody(String user, long seq) {}
