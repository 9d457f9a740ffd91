package io.chatstack.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.memory.InMemoryRoomRepository;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
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

  @Test
  void aFreshReadAfterARefusalReplacesTheCachedRoom() {
    AtomicInteger reads = new AtomicInteger();
    InMemoryRoomRepository rooms = new InMemoryRoomRepository();
    RoomRepository counted =
        (RoomRepository)
            Proxy.newProxyInstance(
                RoomRepository.class.getClassLoader(),
                new Class<?>[] {RoomRepository.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("findById")) {
                    reads.incrementAndGet();
                  }
                  try {
                    return method.invoke(rooms, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    try (ChatService service = ChatService.builder().roomRepository(counted).build()) {
      Room room = service.createRoom("big", "alice");
      service.cachedRoom(room.id());
      // members added behind the cache's back, as joins on another node before their room event
      rooms.addParticipant(room.id(), "bob");
      rooms.addParticipant(room.id(), "carol");
      int before = reads.get();
      assertThat(service.checkRoom(room.id(), r -> r.hasParticipant("bob"))).isTrue();
      assertThat(reads.get() - before).isEqualTo(1);
      assertThat(service.checkRoom(room.id(), r -> r.hasParticipant("carol"))).isTrue();
      assertThat(reads.get() - before).isEqualTo(1);
    }
  }
}
