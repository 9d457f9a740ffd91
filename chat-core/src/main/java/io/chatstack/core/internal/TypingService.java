package io.chatstack.core.internal;

import io.chatstack.core.Subscription;
import io.chatstack.core.Typing;
import io.chatstack.core.TypingEvent;
import java.util.function.Consumer;

/** The {@link Typing} of one node. Thread-safe. STUB: filled in by the typing work. */
public final class TypingService implements Typing, AutoCloseable {
  private final SignalContext context;
  private final PresenceService presence;

  public TypingService(SignalContext context, PresenceService presence) {
    this.context = context;
    this.presence = presence;
  }

  @Override
  public void typing(long roomId, String username, boolean typing) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public Subscription subscribe(long roomId, Consumer<TypingEvent> listener) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void close() {}
}
