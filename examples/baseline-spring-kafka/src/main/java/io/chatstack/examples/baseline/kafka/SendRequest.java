package io.chatstack.examples.baseline.kafka;

/**
 * Body of a SEND to {@code /app/chat/send/{roomId}}; {@code type} and {@code clientMsgId} are
 * optional.
 */
public record SendRequest(String content, MessageType type, String clientMsgId) {}
