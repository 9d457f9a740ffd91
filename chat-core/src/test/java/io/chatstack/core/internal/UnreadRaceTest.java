package io.chatstack.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ForwardingMessageBus;
import io.chatstack.core.ReadState;
import io.chatstack.core.SignalSettings;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A message published while a subscriber's initial count runs is counted exactly once, whether the
 * count's pages saw it or only the live tap did.
 */
class UnreadRaceTest {
  private final ReadStateFixture fx = new ReadStateFixture();
  private long room;

  @BeforeEach
  void setUp() {
    room = fx.chat.createRoom("general", "alice").id();
    fx.chat.join(room, "bob");
    fx.say(room, "alice", "before");
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void aMessageTheCountSawIsNotCountedAgainWhenItArrivesLive() {
    assertThat(unreadAfterOneMoreMessage(true)).containsExactly(state(3));
  }

  @Test
  void aMessageTheCountMissedIsCountedWhenItArrivesLive() {
    // The tap delivers "during" first, then "after": two pushes.
    assertThat(unreadAfterOneMoreMessage(false)).containsExactly(state(2), state(3));
  }

  private ReadState state(long unread) {
    return new ReadState(room, "bob", 2, unread);
  }

  /**
   * Publishes "during" inside the count (before its first page, or after its last), then "after".
   */
  private List<ReadState> unreadAfterOneMoreMessage(boolean beforeFirstPage) {
    AtomicBoolean armed = new AtomicBoolean(true);
    ForwardingMessageBus racing =
        new ForwardingMessageBus(fx.bus) {
          @Override
          public List<ChatMessage> since(long roomId, long afterSeq, int limit) {
            if (beforeFirstPage && armed.compareAndSet(true, false)) {
              fx.say(room, "alice", "during");
            }
            List<ChatMessage> page = super.since(roomId, afterSeq, limit);
            if (!beforeFirstPage && page.isEmpty() && armed.compareAndSet(true, false)) {
              fx.say(room, "alice", "during");
            }
            return page;
          }
        };
    ReadStateService node = fx.node(SignalSettings.DEFAULTS, racing, fx::room, fx::room);
    List<ReadState> seen = new CopyOnWriteArrayList<>();
    node.subscribe("bob", seen::add);
    assertThat(armed).isFalse();
    fx.say(room, "alice", "after");
    node.awaitIdle();
    return seen;
  }
}
