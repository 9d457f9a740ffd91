package io.chatstack.core.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.internal.RecentMessages.Key;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The clientMsgId policy of every message bus, in one place: a message whose (roomId, clientMsgId)
 * is already in the log is not appended again, and its publisher gets the original (the log's first
 * occurrence of that key). A publish asks, in this order:
 *
 * <ol>
 *   <li>a clientMsgId generated for this very message (equal to its id) cannot have been sent
 *       before: it is appended at once;
 *   <li>the recent window: the first occurrences the bus's log reader reported to {@link
 *       #firstInLog};
 *   <li>a publish of the same key in flight on this bus: both get its answer, one is appended;
 *   <li>the window again (that publish may just have finished), then the {@code older} lookup (the
 *       store, for keys beyond the window);
 *   <li>otherwise it is appended, and answered with the log's first occurrence of the key (another
 *       node may have raced the same key in first), or else the appended message.
 * </ol>
 *
 * <p>The log's readers drop every record that is not the first occurrence of its key ({@link
 * #firstInLog}, {@link #notADuplicate}), so all nodes agree on the original. Thread-safe.
 */
public final class ClientMsgIds {
  /** Looks up a key beyond the window; may return empty when it cannot tell in time. */
  @FunctionalInterface
  public interface Lookup {
    Optional<ChatMessage> find(long roomId, String clientMsgId);
  }

  private final RecentMessages recent;
  private final Lookup older;
  private final Map<Key, CompletableFuture<ChatMessage>> inflight = new ConcurrentHashMap<>();

  /**
   * @param window how many recent first occurrences are remembered
   * @param older asked about keys the window does not hold
   */
  public ClientMsgIds(int window, Lookup older) {
    this.recent = new RecentMessages(window);
    this.older = older;
  }

  /**
   * Publishes {@code message} under the policy; {@code append} writes it to the log and completes
   * with it carrying its seq. Never throws: failures (also of the lookup) fail the returned future.
   */
  public CompletableFuture<ChatMessage> publish(
      ChatMessage message, Function<ChatMessage, CompletableFuture<ChatMessage>> append) {
    if (message.clientMsgId().equals(message.id())) {
      return appendAndAnswer(message, append);
    }
    Key key = new Key(message.roomId(), message.clientMsgId());
    Optional<ChatMessage> known = recent.find(key.roomId(), key.clientMsgId());
    if (known.isPresent()) {
      return CompletableFuture.completedFuture(known.get());
    }
    CompletableFuture<ChatMessage> result = new CompletableFuture<>();
    CompletableFuture<ChatMessage> earlier = inflight.putIfAbsent(key, result);
    if (earlier != null) {
      return earlier.copy();
    }
    result.whenComplete((m, e) -> inflight.remove(key, result));
    try {
      known =
          recent
              .find(key.roomId(), key.clientMsgId())
              .or(() -> older.find(key.roomId(), key.clientMsgId()));
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return result.copy();
    }
    if (known.isPresent()) {
      result.complete(known.get());
    } else {
      appendAndAnswer(message, append)
          .whenComplete(
              (m, e) -> {
                if (e != null) {
                  result.completeExceptionally(unwrap(e));
                } else {
                  result.complete(m);
                }
              });
    }
    return result.copy();
  }

  private CompletableFuture<ChatMessage> appendAndAnswer(
      ChatMessage message, Function<ChatMessage, CompletableFuture<ChatMessage>> append) {
    CompletableFuture<ChatMessage> appended;
    try {
      appended = append.apply(message);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return appended.thenApply(this::original);
  }

  /** The log's first occurrence of the key of {@code appended} (made only if it is another). */
  private ChatMessage original(ChatMessage appended) {
    long first = recent.firstSeq(appended.roomId(), appended.clientMsgId());
    if (first == RecentMessages.UNKNOWN || first == appended.seq()) {
      return appended;
    }
    return recent.find(appended.roomId(), appended.clientMsgId()).orElse(appended);
  }

  /**
   * Called by the log's reader for each message in log order: whether it is the first occurrence of
   * its key (then it is remembered and delivered) rather than a duplicate to drop.
   */
  public boolean firstInLog(ChatMessage message) {
    return recent.firstOccurrence(message).seq() == message.seq();
  }

  /**
   * {@link #firstInLog(ChatMessage)} for a record the reader does not parse: its key and seq, and
   * the message made only if a publisher of the same key asks for it.
   */
  public boolean firstInLog(
      long roomId, String clientMsgId, long seq, Supplier<ChatMessage> message) {
    return recent.firstSeq(roomId, clientMsgId, seq, message) == seq;
  }

  /**
   * Whether a message read from the log again is not a known duplicate: its key's remembered first
   * occurrence is this very record, or the key is not remembered.
   */
  public boolean notADuplicate(ChatMessage message) {
    long first = recent.firstSeq(message.roomId(), message.clientMsgId());
    return first == RecentMessages.UNKNOWN || first == message.seq();
  }

  /** Fails every publish still waiting with {@code reason}. */
  public void close(RuntimeException reason) {
    inflight.values().forEach(f -> f.completeExceptionally(reason));
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }
}
