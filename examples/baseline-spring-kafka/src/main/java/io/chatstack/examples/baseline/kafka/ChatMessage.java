package io.chatstack.examples.baseline.kafka;

import java.time.Instant;

/**
 * A message as delivered to {@code /topic/chat/{roomId}}, JSON-compatible with chatstack's (without
 * its {@code seq}); {@code timestamp} is written as ISO-8601 UTC.
 */
public record ChatMessage(
    String id,
    long roomId,
    String sender,
    String content,
    MessageType type,
    Instant timestamp,
    String clientMsgId) {}
