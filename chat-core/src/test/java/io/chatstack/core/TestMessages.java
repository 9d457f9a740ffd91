package io.chatstack.core;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Builders of test data shared by the contract kits. */
public final class TestMessages {
  private static final AtomicLong ROOMS =
      new AtomicLong(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50));

  private TestMessages() {}

  /** A room id no other test in this JVM (or a recent run) uses. */
  public static long freshRoomId() {
    return ROOMS.incrementAndGet();
  }

  /** An unordered CHAT message (seq unassigned). */
  public static ChatMessage draft(long roomId, String sender, String content) {
    return draft(roomId, sender, content, UUID.randomUUID().toString());
  }

  /** An unordered CHAT message with a given clientMsgId. */
  public static ChatMessage draft(long roomId, String sender, String content, String clientMsgId) {
    return new ChatMessage(
        UUID.randomUUID().toString(),
        roomId,
        ChatMessage.UNASSIGNED_SEQ,
        sender,
        content,
        MessageType.CHAT,
        Instant.now().truncatedTo(ChronoUnit.MILLIS),
        clientMsgId);
  }

  /** An ordered CHAT message, as the bus would hand it to a store. */
  public static ChatMessage stored(long roomId, long seq, String content) {
    return draft(roomId, "alice", content).withSeq(seq);
  }

  /** An ordered change record of {@code type} by {@code sender} on {@code target}. */
  public static ChatMessage change(
      ChatMessage target, long seq, MessageType type, String sender, String content) {
    return change(target, seq, type, sender, content, java.util.Map.of());
  }

  /** An ordered change record with metadata (a REACTION's {@code {"add": bool}}). */
  public static ChatMessage change(
      ChatMessage target,
      long seq,
      MessageType type,
      String sender,
      String content,
      java.util.Map<String, Object> metadata) {
    String id = UUID.randomUUID().toString();
    return new ChatMessage(
        id,
        target.roomId(),
        seq,
        sender,
        content,
        type,
        Instant.now().truncatedTo(ChronoUnit.MILLIS),
        id,
        target.id(),
        "",
        metadata,
        java.util.Optional.empty(),
        false,
        java.util.Map.of(),
        0L);
  }

  /** An ordered REACTION record: {@code user} adds ({@code add}) or removes {@code emoji}. */
  public static ChatMessage reaction(
      ChatMessage target, long seq, String user, String emoji, boolean add) {
    return change(
        target,
        seq,
        MessageType.REACTION,
        user,
        emoji,
        java.util.Map.of(ChatMessage.REACTION_ADD, add));
  }
}
