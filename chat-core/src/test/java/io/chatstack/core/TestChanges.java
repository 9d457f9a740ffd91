package io.chatstack.core;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Drafts of change records (seq unassigned), as {@code ChatService.messages()} publishes them. */
public final class TestChanges {
  private TestChanges() {}

  /** An EDIT of {@code targetId} by {@code sender}. */
  public static ChatMessage edit(long roomId, String sender, String targetId, String content) {
    return change(roomId, sender, MessageType.EDIT, targetId, content, Map.of());
  }

  /** A DELETE of {@code targetId} by {@code sender}. */
  public static ChatMessage delete(long roomId, String sender, String targetId) {
    return change(roomId, sender, MessageType.DELETE, targetId, "", Map.of());
  }

  /** A REACTION of {@code sender} on {@code targetId}: {@code emoji} added or removed. */
  public static ChatMessage reaction(
      long roomId, String sender, String targetId, String emoji, boolean add) {
    return change(
        roomId,
        sender,
        MessageType.REACTION,
        targetId,
        emoji,
        Map.of(ChatMessage.REACTION_ADD, add));
  }

  private static ChatMessage change(
      long roomId,
      String sender,
      MessageType type,
      String targetId,
      String content,
      Map<String, Object> metadata) {
    return new ChatMessage(
        UUID.randomUUID().toString(),
        roomId,
        ChatMessage.UNASSIGNED_SEQ,
        sender,
        content,
        type,
        Instant.now().truncatedTo(ChronoUnit.MILLIS),
        null,
        targetId,
        "",
        metadata,
        Optional.empty(),
        false,
        Map.of(),
        0L);
  }
}
