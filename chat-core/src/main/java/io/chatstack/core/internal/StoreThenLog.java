package io.chatstack.core.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code since()} of every message bus, in one place: a room's records (messages in their current
 * state and change records, {@link MessageStore#records}) after a seq, read from the store up to
 * where the log is known to be stored, then from the log itself (as appended), without gaps or
 * duplicates (a record that repeats an earlier clientMsgId is left out, see {@link ClientMsgIds}).
 * When the store fails, everything is read from the log, and for the next seconds (see {@link
 * StoreLookups}) the store is not waited for again. A bus whose store holds every message at once
 * ({@link #storeOnly}) reads the store only and lets its failures through. Thread-safe.
 */
public final class StoreThenLog {
  private static final Logger LOG = LoggerFactory.getLogger(StoreThenLog.class);

  /** The part of a bus's log that its store may not hold yet. */
  public interface Log {
    /** The seq below which every record of the room is in the store. */
    long storedBelow(long roomId);

    /**
     * The room's records with seq from {@code fromSeq} up to the log's end at call time, ascending,
     * at most {@code max}, keeping only those {@code keep} accepts.
     */
    List<ChatMessage> read(long roomId, long fromSeq, int max, Predicate<ChatMessage> keep);
  }

  private final MessageStore store;
  private final Log log;
  private final ClientMsgIds ids;
  private final StoreLookups outages;

  private StoreThenLog(MessageStore store, Log log, ClientMsgIds ids, StoreLookups outages) {
    this.store = store;
    this.log = log;
    this.ids = ids;
    this.outages = outages;
  }

  /** Reads the store, then {@code log}; {@code outages} tells and learns when the store failed. */
  public static StoreThenLog of(
      MessageStore store, Log log, ClientMsgIds ids, StoreLookups outages) {
    return new StoreThenLog(store, log, ids, outages);
  }

  /** For a bus that stores each message before acknowledging it: the store has everything. */
  public static StoreThenLog storeOnly(MessageStore store) {
    return new StoreThenLog(store, null, null, null);
  }

  /**
   * Records of the room with seq &gt; {@code afterSeq}, ascending, at most {@code limit} (and at
   * most {@link HistoryQuery#MAX_LIMIT}).
   *
   * @throws IllegalArgumentException when {@code limit} is below 1
   */
  public List<ChatMessage> since(long roomId, long afterSeq, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    if (afterSeq == Long.MAX_VALUE) {
      return List.of();
    }
    int max = Math.min(limit, HistoryQuery.MAX_LIMIT);
    if (log == null) {
      return store.records(roomId, afterSeq, max);
    }
    long storedBelow = log.storedBelow(roomId);
    Optional<List<ChatMessage>> stored = storedPart(roomId, afterSeq, max, storedBelow);
    List<ChatMessage> result = stored.orElseGet(ArrayList::new);
    if (result.size() >= max) {
      return result;
    }
    // Without the store's part the log is read from the start of what is asked for.
    long readFrom = Math.max(afterSeq + 1, stored.isPresent() ? storedBelow : 0);
    Set<String> seen = new HashSet<>();
    result.forEach(m -> seen.add(m.clientMsgId()));
    result.addAll(
        log.read(
            roomId,
            readFrom,
            max - result.size(),
            m -> ids.notADuplicate(m) && seen.add(m.clientMsgId())));
    return result;
  }

  /**
   * The room's stored records after {@code afterSeq} below {@code storedBelow} (a mutable list), or
   * empty when the store failed just now or within the last few seconds.
   */
  private Optional<List<ChatMessage>> storedPart(
      long roomId, long afterSeq, int max, long storedBelow) {
    if (outages.storeRecentlyFailed()) {
      return Optional.empty();
    }
    try {
      List<ChatMessage> stored = new ArrayList<>();
      for (ChatMessage m : store.records(roomId, afterSeq, max)) {
        if (m.seq() < storedBelow) {
          stored.add(m);
        }
      }
      return Optional.of(stored);
    } catch (RuntimeException e) {
      LOG.debug(
          "Store unavailable for since({}, {}); reading the log instead", roomId, afterSeq, e);
      outages.storeFailed();
      return Optional.empty();
    }
  }
}
