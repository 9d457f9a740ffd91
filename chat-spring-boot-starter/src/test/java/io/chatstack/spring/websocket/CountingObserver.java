package io.chatstack.spring.websocket;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ConnectionObserver} for tests: counts the sessions it hears of, records which binding
 * opened each (the starter's Jakarta endpoint or Spring's handler) and why the server closed any.
 * Thread-safe.
 */
final class CountingObserver implements ConnectionObserver {
  static final String CHATSTACK_ENDPOINT = "io.chatstack.spring.websocket.internal.StompEndpoint";
  static final String SPRING_HANDLER =
      "io.chatstack.spring.websocket.internal.StompWebSocketHandler";

  final AtomicInteger opened = new AtomicInteger();
  final AtomicInteger closed = new AtomicInteger();
  final List<String> openedBy = new CopyOnWriteArrayList<>();
  final List<String> closedByServer = new CopyOnWriteArrayList<>();

  /** Sessions opened and not yet closed. */
  int open() {
    return opened.get() - closed.get();
  }

  @Override
  public void opened() {
    opened.incrementAndGet();
    openedBy.add(
        StackWalker.getInstance()
            .walk(
                frames ->
                    frames
                        .map(StackWalker.StackFrame::getClassName)
                        .filter(c -> c.equals(CHATSTACK_ENDPOINT) || c.equals(SPRING_HANDLER))
                        .findFirst()
                        .orElse("?")));
  }

  @Override
  public void closed() {
    closed.incrementAndGet();
  }

  @Override
  public void closedByServer(String reason) {
    closedByServer.add(reason);
  }
}
