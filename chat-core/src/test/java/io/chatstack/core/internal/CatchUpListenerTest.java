package io.chatstack.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** {@link CatchUpListener} driven directly: a replay, live messages racing it, a failing target. */
class CatchUpListenerTest {
  private final List<Long> delivered = new ArrayList<>();

  private static ChatMessage message(long seq) {
    return new ChatMessage(
        "id-" + seq, 1, seq, "alice", "m" + seq, MessageType.CHAT, Instant.EPOCH, null);
  }

  private static List<ChatMessage> messages(long fromSeq, long toSeq) {
    return LongStream.rangeClosed(fromSeq, toSeq).mapToObj(CatchUpListenerTest::message).toList();
  }

  @Test
  void nothingAtOrBeforeTheStartingSeqIsDelivered() {
    CatchUpListener listener = new CatchUpListener(m -> delivered.add(m.seq()), 5);
    listener.catchUp(after -> messages(4, 6), 10);
    listener.onMessage(message(6));
    listener.onMessage(message(7));
    assertThat(delivered).containsExactly(6L, 7L);
  }

  @Test
  void theReplayIsReadPageByPageUntilAShortPage() {
    List<Long> asked = new ArrayList<>();
    CatchUpListener listener = new CatchUpListener(m -> delivered.add(m.seq()), 0);
    listener.catchUp(
        after -> {
          asked.add(after);
          return after < 4 ? messages(after + 1, after + 2) : messages(5, 5);
        },
        2);
    assertThat(asked).containsExactly(0L, 2L, 4L);
    assertThat(delivered).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void liveMessagesArrivingDuringTheReplayAreDeliveredAfterItOnceInOrder() {
    CatchUpListener listener = new CatchUpListener(m -> delivered.add(m.seq()), 0);
    LongFunction<List<ChatMessage>> replay =
        after -> {
          if (after == 0) {
            listener.onMessage(message(3)); // live, also in the replay
            listener.onMessage(message(4)); // live, not in the replay yet
            return messages(1, 3);
          }
          return List.of();
        };
    listener.catchUp(replay, 3);
    listener.onMessage(message(5));
    assertThat(delivered).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void aFailingTargetDoesNotStopTheDelivery() {
    CatchUpListener listener =
        new CatchUpListener(
            m -> {
              delivered.add(m.seq());
              if (m.seq() == 2) {
                throw new IllegalStateException("listener bug");
              }
            },
            0);
    listener.catchUp(after -> after == 0 ? messages(1, 3) : List.of(), 5);
    listener.onMessage(message(4));
    assertThat(delivered).containsExactly(1L, 2L, 3L, 4L);
  }
}
