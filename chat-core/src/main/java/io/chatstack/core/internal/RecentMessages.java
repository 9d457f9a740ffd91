package io.chatstack.core.internal;

import io.chatstack.core.ChatMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The first occurrence of each recent (roomId, clientMsgId) in the log, as the bus's reader of the
 * log saw it; the window of {@link ClientMsgIds}.
 *
 * <p>Every node reads the same log in the same order, so every node agrees which record is the
 * original and which a duplicate. A first occurrence may be remembered by its seq and a supplier of
 * the message ({@link #firstSeq(long, String, long, Supplier)}): a reader that does not deliver a
 * record need not parse it, and the message is only made when a publisher asks for it. Bounded: the
 * oldest entries are forgotten beyond {@code capacity}. Thread-safe (synchronized; suppliers are
 * called outside the lock); written by the log's reader, read by publishers.
 */
public final class RecentMessages {
  /** Returned by {@link #firstSeq(long, String)} for a key that is not remembered. */
  public static final long UNKNOWN = Long.MIN_VALUE;

  private final Map<Key, First> firsts;

  public RecentMessages(int capacity) {
    this.firsts =
        new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, First> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * The first occurrence of this message's key: an earlier one, or {@code message} itself (now
   * remembered). An earlier one remembered by a supplier that yields nothing (a malformed record)
   * counts as absent.
   */
  public ChatMessage firstOccurrence(ChatMessage message) {
    First first;
    synchronized (this) {
      first = firsts.computeIfAbsent(Key.of(message), k -> new First(message.seq(), () -> message));
    }
    if (first.seq == message.seq()) {
      return message;
    }
    ChatMessage earlier = first.message.get();
    return earlier == null ? message : earlier;
  }

  /**
   * The seq of the first occurrence of the key: an earlier one, or {@code seq} (now remembered with
   * {@code message}, which is not called here).
   */
  public synchronized long firstSeq(
      long roomId, String clientMsgId, long seq, Supplier<ChatMessage> message) {
    return firsts.computeIfAbsent(new Key(roomId, clientMsgId), k -> new First(seq, message)).seq;
  }

  /** The seq of the remembered first occurrence, or {@link #UNKNOWN}. */
  public synchronized long firstSeq(long roomId, String clientMsgId) {
    First first = firsts.get(new Key(roomId, clientMsgId));
    return first == null ? UNKNOWN : first.seq;
  }

  /** The remembered first occurrence, if any (made now if only its supplier was kept). */
  public Optional<ChatMessage> find(long roomId, String clientMsgId) {
    First first;
    synchronized (this) {
      first = firsts.get(new Key(roomId, clientMsgId));
    }
    return first == null ? Optional.empty() : Optional.ofNullable(first.message.get());
  }

  /** Idempotency key of a message. */
  public record Key(long roomId, String clientMsgId) {
    static Key of(ChatMessage m) {
      return new Key(m.roomId(), m.clientMsgId());
    }
  }

  private record First(long seq, Supplier<ChatMessage> message) {}
}
