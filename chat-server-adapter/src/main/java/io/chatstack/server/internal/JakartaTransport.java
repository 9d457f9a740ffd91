package io.chatstack.server.internal;

import io.chatstack.server.StompTransport;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * {@link StompTransport} over a jakarta.websocket {@link Session} (asynchronous remote).
 * Thread-safe.
 */
public final class JakartaTransport implements StompTransport {
  private final Session session;

  public JakartaTransport(Session session) {
    this.session = session;
  }

  @Override
  public void send(String text, Consumer<Throwable> done) {
    try {
      session
          .getAsyncRemote()
          .sendText(text, result -> done.accept(result.isOK() ? null : result.getException()));
    } catch (RuntimeException e) {
      done.accept(e);
    }
  }

  @Override
  public void close(boolean violation, String reason) {
    if (!session.isOpen()) {
      return;
    }
    CloseReason.CloseCode code =
        violation ? CloseReason.CloseCodes.VIOLATED_POLICY : CloseReason.CloseCodes.NORMAL_CLOSURE;
    String phrase = reason.length() > 100 ? reason.substring(0, 100) : reason;
    try {
      session.close(new CloseReason(code, phrase));
    } catch (IOException | RuntimeException e) {
      // Already closing or broken: nothing left to do.
    }
  }
}
