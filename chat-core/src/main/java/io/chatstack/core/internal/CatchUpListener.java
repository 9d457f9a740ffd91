package io.chatstack.core.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a replay of missed messages with the live stream without gap or duplicate.
 *
 * <p>Registered on the bus before the replay starts: live messages that arrive during the replay
 * are buffered, then drained; everything is delivered once, filtered by {@code seq > last
 * delivered}. The bus thread never waits for the replay; it waits only while the target's {@link
 * MessageListener#caughtUp()} runs, which comes after the replay and before the first live message.
 * Not for reuse across subscriptions.
 */
public final class CatchUpListener implements MessageListener {
  private static final Logger LOG = LoggerFactory.getLogger(CatchUpListener.class);

  private final MessageListener target;
  private final Object lock = new Object();
  private List<ChatMessage> buffer = new ArrayList<>();
  private boolean live;
  private long lastSeq;

  public CatchUpListener(MessageListener target, long afterSeq) {
    this.target = target;
    this.lastSeq = afterSeq;
  }

  @Override
  public void onMessage(ChatMessage message) {
    synchronized (lock) {
      if (!live) {
        buffer.add(message);
        return;
      }
    }
    deliver(message);
  }

  /**
   * Runs on the subscribing thread: delivers the replay page by page, then the buffered live
   * messages, then calls the target's {@link MessageListener#caughtUp()} (under the lock, so that
   * no live message overtakes it) and switches to direct delivery.
   *
   * @param pageAfter reads the next page of messages with seq greater than its argument
   * @param pageSize size of pages that {@code pageAfter} returns when more may follow
   */
  public void catchUp(LongFunction<List<ChatMessage>> pageAfter, int pageSize) {
    List<ChatMessage> page;
    do {
      page = pageAfter.apply(lastSeq);
      page.forEach(this::deliver);
    } while (page.size() >= pageSize);
    while (true) {
      List<ChatMessage> pending;
      synchronized (lock) {
        if (buffer.isEmpty()) {
          // Under the lock: a live message arriving now waits until the target has decided.
          tellCaughtUp();
          live = true;
          buffer = List.of();
          return;
        }
        pending = buffer;
        buffer = new ArrayList<>();
      }
      pending.forEach(this::deliver);
    }
  }

  private void tellCaughtUp() {
    try {
      target.caughtUp();
    } catch (RuntimeException e) {
      LOG.warn("Listener failed at the end of its replay", e);
    }
  }

  private void deliver(ChatMessage message) {
    if (message.seq() <= lastSeq) {
      return;
    }
    lastSeq = message.seq();
    try {
      target.onMessage(message);
    } catch (RuntimeException e) {
      LOG.warn("Listener failed on message {} of room {}", message.id(), message.roomId(), e);
    }
  }
}
