package io.chatstack.core.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.MessageStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the store whether a re-sent clientMsgId is already stored (and which message has an id, for
 * {@code MessageBus.find}), without letting a slow or unreachable store hold up sends: a lookup
 * waits at most a quarter of the send timeout (at most 1 s) and counts as "not found" when it
 * fails, times out or finds all lookup threads busy; after such a miss, lookups are skipped for
 * {@value #SKIP_AFTER_FAILURE_MILLIS} ms, so during an outage a send waits at most once in that
 * period. The bus then relies on the log's own de-duplication (the recent clientMsgIds the fan-out
 * remembers) and on the store's unique index. Lookups answer on the calling thread, so a caller's
 * sends keep their order. {@link StoreThenLog} shares the skip period: a failed history read skips
 * lookups too, and the other way round. Thread-safe.
 */
public final class StoreLookups implements AutoCloseable {
  /** How long lookups are skipped after one failed or timed out, in milliseconds. */
  public static final long SKIP_AFTER_FAILURE_MILLIS = 5_000;

  private static final Logger LOG = LoggerFactory.getLogger(StoreLookups.class);
  private static final int THREADS = 4;

  private final MessageStore store;
  private final long waitMillis;
  private final ThreadPoolExecutor pool;
  private volatile long skipUntilNanos = System.nanoTime();

  public StoreLookups(MessageStore store, String nodeId, Duration sendTimeout) {
    this.store = store;
    this.waitMillis = Math.max(1, Math.min(1000, sendTimeout.toMillis() / 4));
    AtomicInteger count = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            0,
            THREADS,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "store-lookup-" + count.incrementAndGet() + "-" + nodeId);
              t.setDaemon(true);
              return t;
            });
  }

  /** Whether the store failed within the last {@value #SKIP_AFTER_FAILURE_MILLIS} ms. */
  public boolean storeRecentlyFailed() {
    return System.nanoTime() - skipUntilNanos < 0;
  }

  /** Records a failure of the store seen elsewhere (e.g. a history read): skip it for a while. */
  public void storeFailed() {
    skipUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SKIP_AFTER_FAILURE_MILLIS);
  }

  /**
   * The stored message with this key, or empty (also when the store did not answer in time or is
   * being skipped after a miss). Blocks the caller for at most min(1 s, a quarter of the send
   * timeout).
   */
  public Optional<ChatMessage> find(long roomId, String clientMsgId) {
    return ask(() -> store.findByClientMsgId(roomId, clientMsgId), "clientMsgId " + clientMsgId)
        .orElse(Optional.empty());
  }

  /**
   * The stored message (not a change record) with this id, or empty when the store has none;
   * bounded like {@link #find}.
   *
   * @throws ChatUnavailableException when the store did not answer in time, failed, or is being
   *     skipped after a miss: it cannot tell
   */
  public Optional<ChatMessage> findById(long roomId, String messageId) {
    return ask(() -> store.findById(roomId, messageId), "message " + messageId)
        .orElseThrow(
            () ->
                new ChatUnavailableException(
                    "The message store cannot tell now whether room "
                        + roomId
                        + " has message "
                        + messageId
                        + "; try again in a few seconds"));
  }

  /** The store's answer, or empty when it did not give one in time. */
  private Optional<Optional<ChatMessage>> ask(
      Callable<Optional<ChatMessage>> question, String what) {
    if (storeRecentlyFailed()) {
      return Optional.empty();
    }
    Future<Optional<ChatMessage>> lookup;
    try {
      lookup = pool.submit(question);
    } catch (RejectedExecutionException e) {
      return miss(what, "all lookup threads are busy", null);
    }
    try {
      return Optional.of(lookup.get(waitMillis, TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      lookup.cancel(true);
      return miss(what, "the store did not answer within " + waitMillis + " ms", null);
    } catch (ExecutionException e) {
      return miss(what, "the store failed", e.getCause());
    } catch (InterruptedException e) {
      lookup.cancel(true);
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private Optional<Optional<ChatMessage>> miss(String what, String why, Throwable cause) {
    storeFailed();
    LOG.debug(
        "Store lookup of {} skipped: {}; relying on the log for {} ms",
        what,
        why,
        SKIP_AFTER_FAILURE_MILLIS,
        cause);
    return Optional.empty();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
