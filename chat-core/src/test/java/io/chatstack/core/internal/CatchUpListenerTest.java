package io.chatstack.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageListener;
import io.chatstack.core.MessageType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * {@link CatchUpListener} driven directly: a replay, live messages racing it and its end, a failing
 * target.
 */
class CatchUpListenerTest {
  private final List<Long> delivered = new ArrayList<>();

  private static ChatMessage message(long seq) {
    return new ChatMessage(
        "id-" + seq, 1, seq, "alice", "m" + seq, MessageType.CHAT, Instant.EPOCH, null);
  }

  private static List<ChatMessage> messages(long fromSeq, long toSeq) {
    return LongStream.rangeClosed(fromSeq, toSeq).mapToObj(CatchUpListenerTest::message).toList();
  }

  private static MessageListener recording(List<String> events, Runnable onCaughtUp) {
    return new MessageListener() {
      @Override
      public void onMessage(ChatMessage message) {
        events.add(String.valueOf(message.seq()));
      }

      @Override
      public void caughtUp() {
        events.add("caught up");
        onCaughtUp.run();
      }
    };
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
  void caughtUpComesAfterTheReplayAndItsBufferedMessagesAndBeforeLiveOnes() {
    List<String> events = new ArrayList<>();
    CatchUpListener listener = new CatchUpListener(recording(events, () -> {}), 0);
    listener.catchUp(
        after -> {
          if (after == 0) {
            listener.onMessage(message(3)); // live during the replay: buffered
            return messages(1, 2);
          }
          return List.of();
        },
        2);
    listener.onMessage(message(4));
    assertThat(events).containsExactly("1", "2", "3", "caught up", "4");
  }

  @Test
  void aLiveMessageArrivingWhileCaughtUpRunsWaitsForIt() throws Exception {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<CatchUpListener> self = new AtomicReference<>();
    AtomicReference<Thread> bus = new AtomicReference<>();
    Runnable onCaughtUp =
        () -> {
          // A live message on another thread, now: it must wait until caughtUp has returned.
          Thread t = new Thread(() -> self.get().onMessage(message(2)), "bus");
          bus.set(t);
          t.start();
          await().atMost(Duration.ofSeconds(10)).until(() -> t.getState() == Thread.State.BLOCKED);
          events.add("still caught up");
        };
    CatchUpListener listener = new CatchUpListener(recording(events, onCaughtUp), 0);
    self.set(listener);

    listener.catchUp(after -> after == 0 ? messages(1, 1) : List.of(), 5);
    bus.get().join(10_000);

    assertThat(events).containsExactly("1", "caught up", "still caught up", "2");
  }

  @Test
  void aFailingCaughtUpDoesNotStopTheDelivery() {
    List<String> events = new ArrayList<>();
    CatchUpListener listener =
        new CatchUpListener(
            recording(
                events,
                () -> {
                  throw new IllegalStateException("listener bug");
                }),
            0);
    listener.catchUp(after -> after == 0 ? messages(1, 1) : List.of(), 5);
    listener.onMessage(message(2));
    assertThat(events).containsExactly("1", "caught up", "2");
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
