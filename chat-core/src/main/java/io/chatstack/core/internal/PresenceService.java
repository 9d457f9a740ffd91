package io.chatstack.core.internal;

import io.chatstack.core.Presence;
import io.chatstack.core.PresenceEvent;
import io.chatstack.core.PresenceSnapshot;
import io.chatstack.core.Subscription;
import java.util.function.Consumer;

/** The {@link Presence} of one node. Thread-safe. STUB: filled in by the presence work. */
public final class PresenceService implements Presence, AutoCloseable {
  private final SignalContext context;

  public PresenceService(SignalContext context) {
    this.context = context;
  }

  /** Calls {@code listener} with the name of each user who goes offline cluster-wide. */
  public Subscription onOffline(Consumer<String> listener) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public Subscription connected(String username) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public PresenceSnapshot snapshot(long roomId) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public Subscription subscribe(long roomId, Consumer<PresenceEvent> listener) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Tells the other nodes this node is leaving (NODE_LEFT) and stops its timers. */
  @Override
  public void close() {}
}
