package io.chatstack.core;

import static io.chatstack.core.TestMessages.draft;
import static io.chatstack.core.TestMessages.freshRoomId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryMessageStore;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A decorator that overrides nothing behaves exactly as the bus it forwards to. */
class ForwardingMessageBusTest {
  private final InMemoryMessageBus inner = new InMemoryMessageBus(new InMemoryMessageStore());
  private final Decorator outer = new Decorator(new Decorator(inner));

  private static final class Decorator extends ForwardingMessageBus {
    Decorator(MessageBus delegate) {
      super(delegate);
    }
  }

  @Test
  void everyCallReachesTheDelegate() {
    long roomId = freshRoomId();
    List<ChatMessage> live = new CopyOnWriteArrayList<>();
    Subscription subscription = outer.subscribe(roomId, live::add);
    ChatMessage first = outer.publish(draft(roomId, "alice", "one")).join();
    ChatMessage second = outer.publish(draft(roomId, "alice", "two")).join();
    subscription.close();
    outer.publish(draft(roomId, "alice", "three")).join();

    assertThat(live).containsExactly(first, second);
    assertThat(outer.since(roomId, first.seq(), 1)).containsExactly(second);
    assertThat(outer.history(roomId, HistoryQuery.latest(2)).messages())
        .extracting(ChatMessage::content)
        .containsExactly("two", "three");
    assertThat(inner.history(roomId, HistoryQuery.latest(3)).messages()).hasSize(3);
    // The in-memory bus lowers a seq beyond the room's log; the default would not.
    assertThat(outer.withinLog(roomId, first.seq() + 1_000)).isEqualTo(first.seq() + 2);
  }

  @Test
  void roomEventsAndCloseReachTheDelegate() {
    List<RoomEvent> heard = new CopyOnWriteArrayList<>();
    Subscription subscription = outer.subscribeRoomEvents(heard::add);
    RoomEvent event =
        new RoomEvent(
            RoomEvent.Kind.CREATED,
            new RoomSummary(1, "r", "alice", Instant.EPOCH, RoomVisibility.PUBLIC, 1),
            "alice");
    inner.publishRoomEvent(event).join();
    outer.publishRoomEvent(event).join();
    assertThat(heard).containsExactly(event, event);
    subscription.close();
    outer.publishRoomEvent(event).join();
    assertThat(heard).hasSize(2);

    outer.close();
    assertThatThrownBy(() -> inner.publish(draft(freshRoomId(), "alice", "late")).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(ChatUnavailableException.class);
  }

  @Test
  void unwrapFindsABusOfATypeThroughTheForwardingOnes() {
    assertThat(outer.delegate()).isInstanceOf(Decorator.class);
    assertThat(ForwardingMessageBus.unwrap(outer, InMemoryMessageBus.class)).containsSame(inner);
    assertThat(ForwardingMessageBus.unwrap(outer, Decorator.class)).containsSame(outer);
    assertThat(ForwardingMessageBus.unwrap(inner, InMemoryMessageBus.class)).containsSame(inner);
    assertThat(ForwardingMessageBus.unwrap(outer, AutoCloseableBus.class)).isEmpty();
    assertThat(ForwardingMessageBus.unwrap(inner, Decorator.class)).isEmpty();
  }

  /** A bus type that none of the buses above is. */
  private interface AutoCloseableBus extends MessageBus {}
}
