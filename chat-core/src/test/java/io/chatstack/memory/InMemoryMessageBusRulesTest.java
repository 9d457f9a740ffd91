package io.chatstack.memory;

import static io.chatstack.core.TestMessages.draft;
import static io.chatstack.core.TestMessages.freshRoomId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.RoomEvent;
import io.chatstack.core.RoomSummary;
import io.chatstack.core.RoomVisibility;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The in-memory bus after {@link InMemoryMessageBus#close()}: nothing is accepted or delivered. */
class InMemoryMessageBusRulesTest {
  private final InMemoryMessageStore store = new InMemoryMessageStore();
  private final InMemoryMessageBus bus = new InMemoryMessageBus(store);

  @Test
  void aClosedBusRefusesToPublishAndStoresNothing() {
    long roomId = freshRoomId();
    bus.publish(draft(roomId, "alice", "before")).join();
    bus.close();
    assertThatThrownBy(() -> bus.publish(draft(roomId, "alice", "after")).join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(ChatUnavailableException.class)
        .hasMessageContaining("closed");
    assertThat(store.page(roomId, HistoryQuery.latest(10)).messages()).hasSize(1);
  }

  @Test
  void aClosedBusNoLongerCallsItsRoomListeners() {
    List<RoomEvent> heard = new CopyOnWriteArrayList<>();
    bus.subscribeRoomEvents(heard::add);
    RoomEvent event =
        new RoomEvent(
            RoomEvent.Kind.CREATED,
            new RoomSummary(1, "r", "alice", Instant.EPOCH, RoomVisibility.PUBLIC, 1),
            "alice");
    bus.publishRoomEvent(event).join();
    bus.close();
    bus.publishRoomEvent(event).join();
    assertThat(heard).containsExactly(event);
  }
}
