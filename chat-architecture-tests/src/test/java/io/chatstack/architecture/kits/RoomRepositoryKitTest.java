package io.chatstack.architecture.kits;

import io.chatstack.core.RoomRepository;
import io.chatstack.core.RoomRepositoryContract;
import io.chatstack.memory.InMemoryRoomRepository;

/** A room repository checked by the kit from chat-core's test-jar, outside chat-core. */
class RoomRepositoryKitTest extends RoomRepositoryContract {
  private final RoomRepository repository = new InMemoryRoomRepository();

  @Override
  protected RoomRepository repository() {
    return repository;
  }
}
