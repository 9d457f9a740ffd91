package io.chatstack.core.internal;

import io.chatstack.core.MessageBus;
import io.chatstack.core.RoomRepository;
import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryMessageStore;
import io.chatstack.memory.InMemoryRoomRepository;

/**
 * The in-memory ports a {@link io.chatstack.core.ChatService} uses when its builder was given none,
 * kept here so that the service itself depends on ports only. Thread-safe (stateless).
 */
public final class InMemoryDefaults {
  private InMemoryDefaults() {}

  /** A new, empty in-memory room repository. */
  public static RoomRepository roomRepository() {
    return new InMemoryRoomRepository();
  }

  /** A new single-node bus owning a new, empty in-memory store. */
  public static MessageBus messageBus() {
    return new InMemoryMessageBus(new InMemoryMessageStore());
  }
}
