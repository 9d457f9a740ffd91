package io.chatstack.kafka;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.HistoryPage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageStore;
import io.chatstack.memory.InMemoryMessageStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real in-memory store whose writes (and optionally reads) can be switched to fail, like a
 * database outage.
 */
final class FlakyStore implements MessageStore {
  private final InMemoryMessageStore delegate = new InMemoryMessageStore();
  private final AtomicInteger failedWrites = new AtomicInteger();
  private volatile boolean writesDown;
  private volatile boolean readsDown;
  private volatile CountDownLatch lookupsStalled = new CountDownLatch(0);

  /** While stalled, clientMsgId lookups hang (like a server that does not answer) until resumed. */
  void stallLookups(boolean stalled) {
    if (stalled) {
      lookupsStalled = new CountDownLatch(1);
    } else {
      lookupsStalled.countDown();
    }
  }

  void writesDown(boolean down) {
    writesDown = down;
  }

  void readsDown(boolean down) {
    readsDown = down;
  }

  int failedWrites() {
    return failedWrites.get();
  }

  /** The room's stored messages, ascending, read while the store may be down. */
  List<ChatMessage> all(long roomId) {
    return delegate.page(roomId, HistoryQuery.after(-1, HistoryQuery.MAX_LIMIT)).messages();
  }

  /** How many messages of the room are stored (pages through all). */
  int count(long roomId) {
    int count = 0;
    long after = -1;
    while (true) {
      List<ChatMessage> page =
          delegate.page(roomId, HistoryQuery.after(after, HistoryQuery.MAX_LIMIT)).messages();
      if (page.isEmpty()) {
        return count;
      }
      count += page.size();
      after = page.get(page.size() - 1).seq();
    }
  }

  @Override
  public int storeAll(List<ChatMessage> messages) {
    if (writesDown) {
      failedWrites.incrementAndGet();
      throw new ChatUnavailableException("test store is down");
    }
    return delegate.storeAll(messages);
  }

  @Override
  public List<ChatMessage> records(long roomId, long afterSeq, int limit) {
    if (readsDown) {
      throw new ChatUnavailableException("test store is down");
    }
    return delegate.records(roomId, afterSeq, limit);
  }

  @Override
  public Optional<ChatMessage> findById(long roomId, String messageId) {
    if (readsDown) {
      throw new ChatUnavailableException("test store is down");
    }
    return delegate.findById(roomId, messageId);
  }

  @Override
  public long eraseSender(String sender) {
    if (writesDown) {
      failedWrites.incrementAndGet();
      throw new ChatUnavailableException("test store is down");
    }
    return delegate.eraseSender(sender);
  }

  @Override
  public HistoryPage page(long roomId, HistoryQuery query) {
    if (readsDown) {
      throw new ChatUnavailableException("test store is down");
    }
    return delegate.page(roomId, query);
  }

  @Override
  public Optional<ChatMessage> findByClientMsgId(long roomId, String clientMsgId) {
    try {
      lookupsStalled.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatUnavailableException("test store lookup interrupted");
    }
    if (readsDown) {
      throw new ChatUnavailableException("test store is down");
    }
    return delegate.findByClientMsgId(roomId, clientMsgId);
  }
}
