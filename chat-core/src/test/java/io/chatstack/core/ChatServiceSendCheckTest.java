package io.chatstack.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.memory.InMemoryRoomRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A send whose room check is the caller's policy: the room is checked once, before the input. */
class ChatServiceSendCheckTest {
  private final InMemoryRoomRepository shared = new InMemoryRoomRepository();
  private final ChatService chat = ChatService.builder().roomRepository(shared).build();

  @AfterEach
  void close() {
    chat.close();
  }

  @Test
  void anAcceptedSendAsksThePolicyOnceAndNotTheParticipantRule() {
    Room room = chat.createRoom("general", "alice");
    AtomicInteger asked = new AtomicInteger();
    ChatMessage sent =
        chat.send(
                room.id(),
                "moderator",
                "hello",
                "k-1",
                r -> {
                  asked.incrementAndGet();
                  return true;
                })
            .join();
    assertThat(asked).hasValue(1);
    assertThat(sent.sender()).isEqualTo("moderator");
    assertThat(chat.history(room.id(), HistoryQuery.latest(5)).messages()).endsWith(sent);
  }

  @Test
  void aRefusalComesBeforeValidationAndIsConfirmedWithAFreshRead() {
    Room room = chat.createRoom("general", "alice");
    chat.cachedRoom(room.id());
    shared.addParticipant(room.id(), "bob"); // behind the cache's back, as on another node
    List<Room> asked = new ArrayList<>();
    ChatMessage sent =
        chat.send(
                room.id(),
                "bob",
                "hi",
                null,
                r -> {
                  asked.add(r);
                  return r.hasParticipant("bob");
                })
            .join();
    assertThat(asked).hasSize(2);
    assertThat(sent.seq()).isPositive();

    assertThatThrownBy(() -> chat.send(room.id(), "carol", " ", null, r -> false))
        .isInstanceOf(NotParticipantException.class);
    assertThatThrownBy(() -> chat.send(room.id(), "alice", " ", null, r -> true))
        .isInstanceOf(InvalidContentException.class);
    assertThatThrownBy(() -> chat.send(999_999, "alice", "x", null, r -> true))
        .isInstanceOf(RoomNotFoundException.class);
  }
}
