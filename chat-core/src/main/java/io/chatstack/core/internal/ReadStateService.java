package io.chatstack.core.internal;

import io.chatstack.core.ReadReceipt;
import io.chatstack.core.ReadState;
import io.chatstack.core.ReadStates;
import io.chatstack.core.Subscription;
import java.util.List;
import java.util.function.Consumer;

/** The {@link ReadStates} of one node. Thread-safe. STUB: filled in by the read-state work. */
public final class ReadStateService implements ReadStates, AutoCloseable {
  private final SignalContext context;

  public ReadStateService(SignalContext context) {
    this.context = context;
  }

  /**
   * A user joined a room with the JOIN at {@code seq}: what was said before counts as read (the
   * stored seq is advanced without a signal).
   */
  public void joined(long roomId, String username, long seq) {}

  @Override
  public ReadState markRead(long roomId, String username, long seq) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public ReadState state(long roomId, String username) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public List<ReadState> states(String username) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public Subscription subscribe(String username, Consumer<ReadState> listener) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public Subscription subscribeReceipts(long roomId, Consumer<ReadReceipt> listener) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public boolean receiptsEnabled() {
    return context.settings().readReceipts();
  }

  @Override
  public void close() {}
}
