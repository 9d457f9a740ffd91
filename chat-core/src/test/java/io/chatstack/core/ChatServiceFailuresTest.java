package io.chatstack.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryRoomRepository;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link ChatService} does when the message bus fails: which exception the caller gets, and
 * that a join or leave whose message could not be published is undone, in the repository and in the
 * room cache.
 */
class ChatServiceFailuresTest {
  private final SwitchableStore store = new SwitchableStore();
  private final ChatService chat =
      ChatService.builder()
          .roomRepository(new InMemoryRoomRepository())
          .messageBus(new InMemoryMessageBus(store))
          .roomCacheTtl(Duration.ofHours(1))
          .build();
  private final Room room = chat.createRoom("general", "alice");

  @AfterEach
  void close() {
    chat.close();
  }

  @Test
  void aChatExceptionOfTheBusReachesTheCallerAsItIs() {
    ChatUnavailableException down = new ChatUnavailableException("store is down");
    store.failWrites(down);

    assertThatThrownBy(() -> chat.join(room.id(), "bob")).isSameAs(down);
    assertThatThrownBy(() -> chat.send(room.id(), "alice", "hello").join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isSameAs(down);
    assertThatThrownBy(() -> chat.send(room.id(), "alice", "hello", "key-1").join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isSameAs(down);
  }

  @Test
  void anyOtherFailureBecomesChatUnavailableCarryingTheOriginalCause() {
    IllegalStateException disk = new IllegalStateException("disk full");
    store.failWrites(disk);

    assertThatThrownBy(() -> chat.join(room.id(), "bob"))
        .isInstanceOf(ChatUnavailableException.class)
        .hasMessageContaining("Message bus failed")
        .hasMessageContaining("disk full")
        .cause()
        .isSameAs(disk);
    assertThatThrownBy(() -> chat.leave(room.id(), "alice"))
        .isInstanceOf(ChatUnavailableException.class)
        .cause()
        .isSameAs(disk);
    assertThatThrownBy(() -> chat.send(room.id(), "alice", "hello").join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(ChatUnavailableException.class)
        .hasMessageContaining("disk full")
        .cause()
        .isSameAs(disk);
    assertThatThrownBy(() -> chat.send(room.id(), "alice", "hello", "key-1").join())
        .cause()
        .satisfies(e -> assertThat(((ChatException) e).code()).isEqualTo("unavailable"))
        .cause()
        .isSameAs(disk);
  }

  @Test
  void aJoinThatCouldNotBePublishedIsUndoneAlsoForAReaderThatCachedTheRoomMeanwhile() {
    List<Room> readDuringPublish = new CopyOnWriteArrayList<>();
    // Another caller reads the room while the JOIN is being written, and so caches it with bob.
    store.beforeWrite(() -> readDuringPublish.add(chat.cachedRoom(room.id())));
    store.failWrites(new ChatUnavailableException("store is down"));

    assertThatThrownBy(() -> chat.join(room.id(), "bob"))
        .isInstanceOf(ChatUnavailableException.class);

    assertThat(readDuringPublish)
        .singleElement()
        .satisfies(r -> assertThat(r.participants()).contains("bob"));
    assertThat(chat.room(room.id()).participants()).containsExactly("alice");
    assertThat(chat.cachedRoom(room.id()).participants()).containsExactly("alice");
    assertThat(chat.checkRoom(room.id(), r -> r.hasParticipant("bob"))).isFalse();
  }

  @Test
  void aLeaveThatCouldNotBePublishedIsUndoneAlsoForAReaderThatCachedTheRoomMeanwhile() {
    chat.join(room.id(), "bob");
    List<Room> readDuringPublish = new CopyOnWriteArrayList<>();
    store.beforeWrite(() -> readDuringPublish.add(chat.cachedRoom(room.id())));
    store.failWrites(new ChatUnavailableException("store is down"));

    assertThatThrownBy(() -> chat.leave(room.id(), "bob"))
        .isInstanceOf(ChatUnavailableException.class);

    assertThat(readDuringPublish)
        .singleElement()
        .satisfies(r -> assertThat(r.participants()).doesNotContain("bob"));
    assertThat(chat.room(room.id()).participants()).containsExactly("alice", "bob");
    assertThat(chat.cachedRoom(room.id()).participants()).containsExactly("alice", "bob");
    store.failWrites(null);
    assertThat(chat.send(room.id(), "bob", "still here").join().sender()).isEqualTo("bob");
  }

  @Test
  void aClosedServiceRefusesToSend() {
    chat.close();
    assertThatThrownBy(() -> chat.send(room.id(), "alice", "anyone?").join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(ChatUnavailableException.class);
  }
}
