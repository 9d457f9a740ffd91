package io.chatstack.memory;

import io.chatstack.core.RoomRepository;
import io.chatstack.core.RoomRepositoryContract;

class InMemoryRoomRepositoryTest extends RoomRepositoryContract {
  private final RoomRepository repository = new InMemoryRoomRepository();

  @Override
  protected RoomRepository repository() {
    return repository;
  }
}
