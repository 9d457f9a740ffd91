package io.chatstack.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.client.ChatSubscription;
import io.chatstack.client.RoomListener;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageType;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/**
 * lastSeq() is the last message handed to the listener, not the last one queued for it: when the
 * subscription ends with calls still queued, resuming from lastSeq() misses nothing.
 */
class RoomSubLastSeqTest {
  private final Queue<Runnable> executor = new ArrayDeque<>();
  private final List<Long> seenSeqs = new ArrayList<>();
  private final RoomSub sub =
      new RoomSub(
          executor::add,
          s -> {},
          "sub-1",
          7,
          -1,
          new RoomListener() {
            @Override
            public void onMessage(ChatSubscription s, ChatMessage m) {
              seenSeqs.add(s.lastSeq());
            }
          });

  @Test
  void lastSeqFollowsTheListenerNotTheQueue() {
    sub.offer(message(1));
    sub.offer(message(2));
    sub.offer(message(3));
    assertThat(sub.lastSeq()).isEqualTo(-1);
    executor.poll().run();
    assertThat(sub.lastSeq()).isEqualTo(1);
    assertThat(seenSeqs).containsExactly(1L); // already set when the listener runs

    sub.close(); // the queued deliveries of 2 and 3 are dropped
    runAll();
    assertThat(seenSeqs).containsExactly(1L);
    assertThat(sub.lastSeq()).isEqualTo(1);
  }

  @Test
  void aReplayedMessageIsNotQueuedTwice() {
    sub.offer(message(1));
    sub.offer(message(1));
    runAll();
    assertThat(seenSeqs).containsExactly(1L);
  }

  private void runAll() {
    for (Runnable r = executor.poll(); r != null; r = executor.poll()) {
      r.run();
    }
  }

  private static ChatMessage message(long seq) {
    return new ChatMessage("m" + seq, 7, seq, "bob", "hi", MessageType.CHAT, Instant.EPOCH, null);
  }
}
