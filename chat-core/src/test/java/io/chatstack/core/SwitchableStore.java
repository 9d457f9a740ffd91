package io.chatstack.core;

import io.chatstack.memory.InMemoryMessageStore;
import java.util.List;
import java.util.Optional;

/**
 * An in-memory {@link MessageStore} whose writes or reads a test can make fail, and which runs a
 * hook before each write (to act as a concurrent caller would while a publish is in flight).
 * Thread-safe enough for single-threaded tests.
 */
final class SwitchableStore implements MessageStore {
  private final InMemoryMessageStore memory = new InMemoryMessageStore();
  private volatile RuntimeException writeFailure;
  private volatile RuntimeException readFailure;
  private volatile Runnable beforeWrite = () -> {};

  /** Every following write throws {@code failure}; null to heal. */
  void failWrites(RuntimeException failure) {
    this.writeFailure = failure;
  }

  /** Every following read (page, records, by id) throws {@code failure}; null to heal. */
  void failReads(RuntimeException failure) {
    this.readFailure = failure;
  }

  /** Runs {@code hook} at the start of every following write. */
  void beforeWrite(Runnable hook) {
    this.beforeWrite = hook;
  }

  @Override
  public int storeAll(List<ChatMessage> messages) {
    beforeWrite.run();
    RuntimeException failure = writeFailure;
    if (failure != null) {
      throw failure;
    }
    return memory.storeAll(messages);
  }

  @Override
  public List<ChatMessage> records(long roomId, long afterSeq, int limit) {
    failReadIfAsked();
    return memory.records(roomId, afterSeq, limit);
  }

  @Override
  public Optional<ChatMessage> findById(long roomId, String messageId) {
    failReadIfAsked();
    return memory.findById(roomId, messageId);
  }

  @Override
  public long eraseRoom(long roomId) {
    return memory.eraseRoom(roomId);
  }

  @Override
  public long eraseSender(String sender) {
    RuntimeException failure = writeFailure;
    if (failure != null) {
      throw failure;
    }
    return memory.eraseSender(sender);
  }

  private void failReadIfAsked() {
    RuntimeException failure = readFailure;
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public HistoryPage page(long roomId, HistoryQuery query) {
    RuntimeException failure = readFailure;
    if (failure != null) {
      throw failure;
    }
    return memory.page(roomId, query);
  }

  @Override
  public Optional<ChatMessage> findByClientMsgId(long roomId, String clientMsgId) {
    return memory.findByClientMsgId(roomId, clientMsgId);
  }
}
