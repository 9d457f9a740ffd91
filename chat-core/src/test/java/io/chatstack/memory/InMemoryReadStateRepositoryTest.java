package io.chatstack.memory;

import io.chatstack.core.ReadStateRepository;
import io.chatstack.core.ReadStateRepositoryContract;

class InMemoryReadStateRepositoryTest extends ReadStateRepositoryContract {
  private final ReadStateRepository repository = new InMemoryReadStateRepository();

  @Override
  protected ReadStateRepository repository() {
    return repository;
  }
}
