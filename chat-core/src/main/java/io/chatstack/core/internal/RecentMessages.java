package io.chatstack.core.internal;

import io.chatstack.core.ChatMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The first occurrence of each recent (roomId, clientMsgId) in the log, as the bus's reader of the
 * log saw it; the window of {@link ClientMsgIds}.
 *
 * <p>Every node reads the same log in the same order, so every node agrees which record is the
 * original and which a duplicate. Bounded: the oldest entries are forgotten beyond {@code
 * capacity}. Thread-safe (synchronized); written by the log's reader, read by publishers.
 */
public final class RecentMessages {
  private final Map<Key, ChatMessage> firsts;

  public RecentMessages(int capacity) {
    this.firsts =
        new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, ChatMessage> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * The first occurrence of this message's key: an earlier one, or {@code message} itself (now
   * remembered).
   */
  public synchronized ChatMessage firstOccurrence(ChatMessage message) {
    return firsts.computeIfAbsent(Key.of(message), k -> message);
  }

  /** The remembered first occurrence, if any. */
  public synchronized Optional<ChatMessage> find(long roomId, String clientMsgId) {
    return Optional.ofNullable(firsts.get(new Key(roomId, clientMsgId)));
  }

  /** Idempotency key of a message. */
  public record Key(long roomId, String clientMsgId) {
    static Key of(ChatMessage m) {
      return new Key(m.roomId(), m.clientMsgId());
    }
  }
}
