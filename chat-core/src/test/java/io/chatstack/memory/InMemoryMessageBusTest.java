package io.chatstack.memory;

import static io.chatstack.core.TestMessages.draft;
import static io.chatstack.core.TestMessages.freshRoomId;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageBus;
import io.chatstack.core.MessageBusContract;
import io.chatstack.core.MessageStore;
import io.chatstack.core.PersistListener;
import io.chatstack.core.TestChanges;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class InMemoryMessageBusTest extends MessageBusContract {

  @Override
  protected MessageStore createStore() {
    return new InMemoryMessageStore();
  }

  @Override
  protected MessageBus createBus(MessageStore store) {
    return new InMemoryMessageBus(store);
  }

  @Test
  void persistListenersSeeEveryStoredRecordInSeqOrderAfterTheStoreHasIt() {
    InMemoryMessageStore own = new InMemoryMessageStore();
    List<ChatMessage> seen = new CopyOnWriteArrayList<>();
    List<Boolean> storedFirst = new CopyOnWriteArrayList<>();
    PersistListener failing =
        batch -> {
          throw new IllegalStateException("boom");
        };
    PersistListener recording =
        batch -> {
          for (ChatMessage m : batch) {
            storedFirst.add(own.findById(m.roomId(), m.id()).isPresent());
          }
          seen.addAll(batch);
        };
    long roomId = freshRoomId();
    try (MessageBus withListeners = new InMemoryMessageBus(own, List.of(failing, recording))) {
      ChatMessage one = withListeners.publish(draft(roomId, "alice", "one")).join();
      ChatMessage two = withListeners.publish(draft(roomId, "alice", "two")).join();
      assertThat(seen).extracting(ChatMessage::id).containsExactly(one.id(), two.id());
      assertThat(seen).extracting(ChatMessage::seq).containsExactly(one.seq(), two.seq());
      assertThat(storedFirst).containsExactly(true, true);
    }
  }

  @Test
  void aNewBusOnAnExistingStoreContinuesAfterTheHighestSeq() {
    long roomId = freshRoomId();
    ChatMessage first = bus.publish(draft(roomId, "alice", "one")).join();
    try (MessageBus restarted = new InMemoryMessageBus(store)) {
      ChatMessage second = restarted.publish(draft(roomId, "alice", "two")).join();
      assertThat(second.seq()).isGreaterThan(first.seq());
    }
  }

  @Test
  void aNewBusContinuesAfterTheHighestSeqAlsoWhenChangeRecordsFollowTheLastMessage() {
    long roomId = freshRoomId();
    ChatMessage first = bus.publish(draft(roomId, "alice", "one")).join();
    ChatMessage last = first;
    for (int i = 0; i < 1200; i++) { // more than one page of records after the last message
      last = bus.publish(TestChanges.reaction(roomId, "bob", first.id(), "👍", i % 2 == 0)).join();
    }
    try (MessageBus restarted = new InMemoryMessageBus(store)) {
      ChatMessage next = restarted.publish(draft(roomId, "alice", "two")).join();
      assertThat(next.seq()).isEqualTo(last.seq() + 1);
      assertThat(store.records(roomId, last.seq(), 10)).containsExactly(next);
    }
  }
}
